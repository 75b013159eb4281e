namespace AePaint.Trainer.Data;

/// <summary>
/// A <see cref="Random"/> for a tuple of seed parts (run seed, step, image index …), with the parts hashed by
/// SplitMix64 first. <c>new Random(seed)</c> (the seeded, .NET-Framework-compatible generator) gives early outputs
/// that are almost linear in the seed: generators for seed·k + step drew arithmetic progressions, and for seeds in
/// such a progression the third draw was the same value. Mixed seeds
/// have no such pattern. Deterministic across processes and platforms (HashCode.Combine is salted per process).
/// </summary>
internal static class SeededRandom
{
    public static Random For(params ReadOnlySpan<long> parts)
    {
        ulong h = 0x9E3779B97F4A7C15;
        foreach (long p in parts)
        {
            h = Mix(h ^ unchecked((ulong)p));
        }

        return new Random(unchecked((int)(h >> 33)));
    }

    private static ulong Mix(ulong z)
    {
        z = unchecked(z + 0x9E3779B97F4A7C15);
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EB);
        return z ^ (z >> 31);
    }
}
