namespace AePaint.Build;

public static class ElfVersionWeakener
{
    /// <summary>
    /// Sets VER_FLG_WEAK on the Vernaux entries that require <paramref name="versions"/> of <paramref name="neededFile"/>.
    /// Refuses (throws <see cref="InvalidOperationException"/>) when a symbol bound to such a version is defined here or is
    /// the target of a relocation: the loader would then still look it up and fail, so the patch would only hide the cause.
    /// Only the 2-byte vna_flags fields change; everything else is byte-for-byte the input.
    /// </summary>
    public static WeakenResult Weaken(byte[] image, string neededFile, IEnumerable<string> versions)
    {
        var elf = ElfImage.Parse(image);
        var needs = elf.ReadVersionNeeds().Where(n => n.File == neededFile).ToList();
        var weakened = new List<string>();
        var alreadyWeak = new List<string>();
        var notRequired = new List<string>();
        byte[]? output = null;
        foreach (string version in versions.Distinct(StringComparer.Ordinal))
        {
            var need = needs.FirstOrDefault(n => n.Version == version);
            if (need is null)
            {
                notRequired.Add(version);
                continue;
            }

            if (need.IsWeak)
            {
                alreadyWeak.Add(version);
                continue;
            }

            foreach (var symbol in elf.SymbolsBoundTo(need.Index))
            {
                if (!symbol.IsUndefined || symbol.RelocationCount != 0)
                {
                    throw new InvalidOperationException(
                        $"Refusing to mark {neededFile} version {version} weak: symbol {symbol.Name} bound to it is " +
                        (symbol.IsUndefined ? $"referenced by {symbol.RelocationCount} relocation(s)" : "defined in this library") +
                        ", so the dynamic loader would still need that version.");
                }
            }

            output ??= (byte[])image.Clone();
            ushort flags = (ushort)(need.Flags | ElfImage.VerFlagWeak);
            output[need.FlagsOffset] = (byte)(flags & 0xff);
            output[need.FlagsOffset + 1] = (byte)(flags >> 8);
            weakened.Add(version);
        }

        return new WeakenResult(output ?? image, weakened, alreadyWeak, notRequired);
    }
}
