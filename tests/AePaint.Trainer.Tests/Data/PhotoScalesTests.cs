using System.Globalization;
using System.Security.Cryptography;
using AePaint.TestSupport;
using AePaint.Trainer.Data;
using Xunit.Abstractions;

namespace AePaint.Trainer.Tests.Data;

/// <summary>
/// <see cref="PhotoDatasetOptions.ExtraDownscales"/>: the training photos also cached at other factors (issue 18,
/// candidate (b)). Without them the patches are exactly those drawn before the option existed (runs replay).
/// </summary>
public sealed class PhotoScalesTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempDir _dir = new();
    private readonly List<string> _log = [];

    public void Dispose() => _dir.Dispose();

    private PhotoDatasetOptions Options() => new()
    {
        PatchSize = 32,
        Downscale = 2,
        ValidationFraction = 0.25,
        Log = line => { _log.Add(line); output.WriteLine(line); },
    };

    [SkippableFact]
    public void WithoutExtraScalesThePatchesAreThoseDrawnBeforeTheOptionExisted()
    {
        PhotoFolders.Fill(_dir.Path, 4);
        var ds = new PhotoDataset(_dir.Path, Options());
        var (origins, hash) = Draw(ds, new Random(11), 12);
        Assert.Equal(PinnedOrigins, origins);
        Assert.Equal(PinnedHash, hash);
    }

    /// <summary>Origins (photo@x,y,transform) and the SHA-256 of the patches' floats, for <paramref name="count"/> draws.</summary>
    private static (string Origins, string Hash) Draw(PhotoDataset ds, Random rng, int count)
    {
        var all = new List<float>();
        var origins = new List<string>();
        for (int i = 0; i < count; i++)
        {
            var patch = new float[3 * 32 * 32];
            var o = ds.SamplePatch(rng, 32, patch);
            origins.Add(string.Create(CultureInfo.InvariantCulture, $"{Path.GetFileNameWithoutExtension(o.Path)}@{o.X},{o.Y},{o.Transform}"));
            all.AddRange(patch);
        }

        var bytes = new byte[all.Count * sizeof(float)];
        Buffer.BlockCopy(all.ToArray(), 0, bytes, 0, bytes.Length);
        return (string.Join(" ", origins), Convert.ToHexString(SHA256.HashData(bytes))[..16]);
    }

    // Drawn by the trainer at 9d366d4 (before extraDownscales existed).
    private const string PinnedOrigins = "119082@9,59,7 101085@22,175,7 119082@69,51,0 101085@25,143,7 119082@171,126,4 101085@71,178,7 130026@126,50,4 119082@197,32,2 130026@55,62,1 101085@114,47,1 130026@162,53,4 130026@101,10,5";
    private const string PinnedHash = "45BD15D08FCD2DEE";
}
