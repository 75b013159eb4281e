using System.Globalization;
using System.Security.Cryptography;
using AePaint.ImageFiles;
using AePaint.Imaging;
using AePaint.Imaging.Resize;
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

    [SkippableFact]
    public void ExtraScalesAreTheBaseResizeOfTheOriginalDrawnInProportionToTheirPixels()
    {
        PhotoFolders.Fill(_dir.Path, 4);
        var ds = new PhotoDataset(_dir.Path, Options() with { ExtraDownscales = [3, 4] });
        var plain = new PhotoDataset(_dir.Path, Options());
        Assert.Equal(plain.TrainFiles, ds.TrainFiles);

        // CBSD68 photos are 481×321 (or turned): ÷2 241×161, ÷3 161×107, ÷4 121×81, each with MATLAB's output size.
        double[] factors = [2, 3, 4];
        var pixels = factors.Select(f => (double)MatlabBicubic.OutputSize(481, 1 / f) * MatlabBicubic.OutputSize(321, 1 / f)).ToArray();
        Assert.Equal(new[] { 241.0 * 161, 161.0 * 107, 121.0 * 81 }, pixels);
        Assert.Equal(3 * pixels.Sum() / 1e6, ds.CachedMegapixels, 9);
        Assert.Equal(ds.CachedMegapixels, ds.TotalTrainMegapixels, 9);
        Assert.Contains(_log, l => l.Contains("pre-downscale ÷2, training also ÷3, ÷4; all 3 training photos cached (0.2 MP: ÷2 0.1, ÷3 0.1, ÷4 0.0, 0.6 MB of uint8 RGB", StringComparison.Ordinal));

        // Each patch is a crop of the original shrunk by its factor from the original (checked where unturned).
        var codes = ds.TrainFiles.ToDictionary(f => f, f =>
        {
            var full = PixelConversion.ToPlanar(ImageFile.Load(f));
            return new PlanarImage(3, full.Width, full.Height, full.Data.Select(v => MathF.Round(v * 255)).ToArray());
        });
        var shrunk = new Dictionary<(string, double), PlanarImage>();
        var counts = new Dictionary<double, int>();
        var rng = new Random(3);
        const int N = 4000;
        for (int i = 0; i < N; i++)
        {
            var patch = new float[3 * 32 * 32];
            var o = ds.SamplePatch(rng, 32, patch);
            counts[o.Downscale] = counts.GetValueOrDefault(o.Downscale) + 1;
            if (o.Transform == 0 && i < 400)
            {
                var small = shrunk.TryGetValue((o.Path, o.Downscale), out var s0) ? s0
                    : shrunk[(o.Path, o.Downscale)] = MatlabBicubic.ResizeUint8LikeByScale(codes[o.Path], 1 / o.Downscale);
                Assert.Equal(PhotoDatasetTests.Crop(small, o.X, o.Y, 32).Select(v => v * (1f / 255f)), patch);
            }
        }

        Assert.Equal(factors.Length, shrunk.Keys.Select(k => k.Item2).Distinct().Count());
        for (int k = 0; k < factors.Length; k++)
        {
            double p = pixels[k] / pixels.Sum(), seen = counts[factors[k]] / (double)N;
            output.WriteLine($"÷{factors[k]}: {seen:P1} of the patches, {p:P1} of the pixels");
            Assert.InRange(seen, p - (4 * Math.Sqrt(p * (1 - p) / N)), p + (4 * Math.Sqrt(p * (1 - p) / N)));
        }
    }

    [SkippableFact]
    public void APhotoTooSmallForAnExtraScaleLacksThatScaleOnly()
    {
        // Patch 96: a CBSD photo at ÷4 (121×81) is too small, a ~1024×768 one (÷4 256×192) is not.
        var cbsd = PhotoFolders.Fill(_dir.Path, 1)[0];
        var big = PhotoFolders.FillTrain(_dir.Path, 1)[0];
        var ds = new PhotoDataset(_dir.Path, Options() with { PatchSize = 96, ValidationFraction = 0, ExtraDownscales = [4] });
        Assert.Equal(new[] { big, cbsd }.Order(StringComparer.Ordinal), ds.TrainFiles.Order(StringComparer.Ordinal));
        Assert.Empty(ds.Skipped);
        Assert.Contains(_log, l => l.Contains(" (1 photos)", StringComparison.Ordinal) && l.Contains("all 2 training photos cached", StringComparison.Ordinal));
        var rng = new Random(9);
        var seen = Enumerable.Range(0, 300).Select(_ => ds.SamplePatch(rng, 96, new float[3 * 96 * 96])).Select(o => (o.Path, o.Downscale)).ToHashSet();
        Assert.Equal(new[] { (big, 2.0), (big, 4.0), (cbsd, 2.0) }.Order(), seen.Order());
    }

    [SkippableFact]
    public void ValidationCropsAndTheSplitDoNotChange()
    {
        PhotoFolders.Fill(_dir.Path, 5);
        var plain = new PhotoDataset(_dir.Path, Options());
        var scaled = new PhotoDataset(_dir.Path, Options() with { ExtraDownscales = [2.5, 4] });
        Assert.Equal(plain.ValidationFiles, scaled.ValidationFiles);
        Assert.Equal(plain.TrainFiles, scaled.TrainFiles);
        Assert.NotEmpty(plain.Validation);
        Assert.Equal(plain.ValidationBatch(0, plain.Validation.Count), scaled.ValidationBatch(0, scaled.Validation.Count));
        Assert.Equal(plain.Validation.Select(v => (v.X, v.Y)), scaled.Validation.Select(v => (v.X, v.Y)));
    }

    [SkippableFact]
    public void ARotatingCacheWithExtraScalesCountsThemAndResumesExactly()
    {
        PhotoFolders.Fill(_dir.Path, 6);

        // A photo is 3·(241·161 + 121·81) = 145 806 bytes at ÷2 and ÷4; the window budget 300 000/(1 + 0.5) holds one.
        var options = Options() with { ValidationFraction = 0, ExtraDownscales = [4], MaxCacheBytes = 300_000, RotateEveryPatches = 40, RotationFraction = 0.5 };
        var a = new PhotoDataset(_dir.Path, options);
        Assert.True(a.IsRotating);
        Assert.Equal(1, a.ResidentPhotoCount);
        Assert.Contains(_log, l => l.Contains("rotating cache: 1 of 6 photos resident (0.0 of 0.3 MP at ÷2, ÷4, 0.1 MB of cap 0.3 MB)", StringComparison.Ordinal));
        var patches = new List<float[]>();
        var seen = new HashSet<(string, double)>();
        for (int k = 0; k < 240; k++)
        {
            var p = new float[3 * 32 * 32];
            var o = a.SamplePatch(new Random(k), 32, p);
            seen.Add((o.Path, o.Downscale));
            patches.Add(p);
            Assert.True(a.CachedBytes <= 200_000, $"{a.CachedBytes} bytes cached");
        }

        Assert.Equal(12, seen.Count); // every photo, at both scales
        foreach (int k in new[] { 0, 135, 239 })
        {
            var resumed = new PhotoDataset(_dir.Path, options with { Prefetch = false }) { PatchesDrawn = k };
            Assert.Equal(patches[k], resumed.SamplePatch(new Random(k), 32));
        }
    }

    [Fact]
    public void BadFactorsAreRefused()
    {
        foreach (var bad in new double[][] { [2.0], [1.5], [3, 3], [double.PositiveInfinity], [double.NaN] })
        {
            var e = Assert.Throws<ArgumentOutOfRangeException>(() => new PhotoDataset(_dir.Path, Options() with { ExtraDownscales = bad }));
            Assert.Contains("above the pre-downscale (2) and each given once", e.Message, StringComparison.Ordinal);
        }
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
