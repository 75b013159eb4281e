using AePaint.ImageFiles;
using AePaint.Imaging;
using AePaint.Imaging.Resize;
using AePaint.TestSupport;
using AePaint.Trainer.Data;
using Xunit.Abstractions;

namespace AePaint.Trainer.Tests.Data;

public sealed class PhotoDatasetTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempDir _dir = new();
    private readonly List<string> _log = [];

    public void Dispose() => _dir.Dispose();

    private PhotoDatasetOptions Options(int patch = 32) => new() { PatchSize = patch, Log = line => { _log.Add(line); output.WriteLine(line); } };

    [SkippableFact]
    public void SameSeedGivesTheSameBatchAndSplit()
    {
        PhotoFolders.Fill(_dir.Path, 5);
        var a = new PhotoDataset(_dir.Path, Options());
        var b = new PhotoDataset(_dir.Path, Options());
        var batchA = a.SampleBatch(new Random(5), 8, 32);
        Assert.Equal(8 * 3 * 32 * 32, batchA.Length);
        Assert.Equal(batchA, b.SampleBatch(new Random(5), 8, 32));
        Assert.NotEqual(batchA, b.SampleBatch(new Random(6), 8, 32));
        Assert.Equal(a.ValidationFiles, b.ValidationFiles);
        Assert.Equal(a.ValidationBatch(0, a.Validation.Count), b.ValidationBatch(0, b.Validation.Count));
        Assert.All(batchA, v => Assert.InRange(v, 0f, 1f));
        Assert.Contains(_log, l => l.Contains("5 found", StringComparison.Ordinal) && l.Contains("4 train / 1 validation", StringComparison.Ordinal));
    }

    [SkippableTheory]
    [InlineData(6, 0.34, 2)]
    [InlineData(2, 0.01, 1)]
    [InlineData(5, 0.0, 0)]
    [InlineData(1, 0.5, 0)]
    public void SplitIsByFile(int files, double fraction, int expectedValidation)
    {
        var all = PhotoFolders.Fill(_dir.Path, files);
        var ds = new PhotoDataset(_dir.Path, Options() with { ValidationFraction = fraction });
        Assert.Equal(expectedValidation, ds.ValidationFiles.Count);
        Assert.Empty(ds.TrainFiles.Intersect(ds.ValidationFiles));
        Assert.Equal(all.Order(StringComparer.Ordinal), ds.TrainFiles.Concat(ds.ValidationFiles).Order(StringComparer.Ordinal));
        Assert.All(ds.Validation, v => Assert.Equal(3 * 32 * 32, v.Rgb.Length));

        // Training patches come only from training files.
        for (int i = 0; i < 40; i++)
        {
            Assert.Contains(ds.SamplePatch(new Random(i), 16, new float[3 * 16 * 16]).Path, ds.TrainFiles);
        }
    }

    [SkippableFact]
    public void PatchesAreCropsUnderAllEightFlipsAndRotations()
    {
        PhotoFolders.Fill(_dir.Path, 2);
        const int S = 24;
        var ds = new PhotoDataset(_dir.Path, Options() with { ValidationFraction = 0 });
        var photos = ds.TrainFiles.ToDictionary(f => f, f => PixelConversion.ToPlanar(ImageFile.Load(f)));
        var rng = new Random(1);
        var seen = new HashSet<int>();
        for (int i = 0; i < 120; i++)
        {
            var patch = new float[3 * S * S];
            var origin = ds.SamplePatch(rng, S, patch);
            seen.Add(origin.Transform);
            var crop = Crop(photos[origin.Path], origin.X, origin.Y, S);
            Assert.Equal(Expected(crop, origin.Transform, S), patch);
        }

        Assert.Equal(Enumerable.Range(0, 8), seen.Order());
        Assert.Equal(120, ds.PatchesDrawn);
    }

    [SkippableFact]
    public void ExclusionsByPathNameFolderAndContent()
    {
        var files = PhotoFolders.Fill(_dir.Path, 4);
        var sub = PhotoFolders.Fill(_dir.Path, 1, sub: "holdout", skip: 4);
        var demo = Path.Combine(TestPaths.RepoRoot, "samples", "astronaut.png");
        var demoCopy = _dir.File("renamed-demo.png");
        File.Copy(demo, demoCopy);
        var ds = new PhotoDataset(_dir.Path, Options() with
        {
            Exclude = [files[0], Path.GetFileName(files[1]), Path.Combine(_dir.Path, "holdout"), demo],
        });
        Assert.Equal(new[] { files[0], files[1], sub[0], demoCopy }.Order(StringComparer.Ordinal), ds.ExcludedFiles.Order(StringComparer.Ordinal));
        Assert.Equal(new[] { files[2], files[3] }, ds.TrainFiles.Concat(ds.ValidationFiles).Order(StringComparer.Ordinal));

        // An evaluation folder as the exclusion: a renamed copy of one of its photos is caught by its bytes.
        using var other = new TempDir();
        var train = PhotoFolders.FillTrain(other.Path, 2);
        var evalCopy = other.File("not-from-cbsd.png");
        File.Copy(PhotoFolders.Source("170057"), evalCopy);
        var ds2 = new PhotoDataset(other.Path, Options() with { Exclude = [TestPaths.EvalSet("CBSD68")] });
        Assert.Equal([evalCopy], ds2.ExcludedFiles);
        Assert.Equal(train.Order(StringComparer.Ordinal), ds2.TrainFiles.Concat(ds2.ValidationFiles).Order(StringComparer.Ordinal));
    }

    [SkippableFact]
    public void TinyCacheCapRotatesDeterministicallyAndResumes()
    {
        PhotoFolders.Fill(_dir.Path, 6);

        // 463 203 bytes a photo; the window budget is cap/(1 + 0.5) = 1 MB: two photos, moving by one.
        var options = Options() with { ValidationFraction = 0, MaxCacheBytes = 1_500_000, RotateEveryPatches = 10, RotationFraction = 0.5 };
        var a = new PhotoDataset(_dir.Path, options);
        var b = new PhotoDataset(_dir.Path, options with { Prefetch = false });
        Assert.True(a.IsRotating);
        Assert.Equal(2, a.ResidentPhotoCount);
        var sources = new HashSet<string>();
        var patches = new List<float[]>();
        for (int k = 0; k < 60; k++)
        {
            var p = new float[3 * 32 * 32];
            sources.Add(a.SamplePatch(new Random(k), 32, p).Path);
            patches.Add(p);
            Assert.True(a.CachedBytes <= 1_000_000, $"{a.CachedBytes} bytes cached");
            Assert.Equal(p, b.SamplePatch(new Random(k), 32));
        }

        Assert.Equal(6, sources.Count); // the window walked the whole ring
        var resumed = new PhotoDataset(_dir.Path, options) { PatchesDrawn = 35 };
        Assert.Equal(patches[35], resumed.SamplePatch(new Random(35), 32));
        Assert.Contains(_log, l => l.Contains("rotating cache: 2 of 6 photos resident (0.3 of 0.9 MP, 0.9 MB of cap 1.5 MB)", StringComparison.Ordinal));
        Assert.Contains(_log, l => l.Contains("photo cache: window 3 (2 photos, 0.3 MP): 1 prefetched, 0 decoded", StringComparison.Ordinal));
        Assert.Contains(_log, l => l.Contains("photo cache: window 3 (2 photos, 0.3 MP): 0 prefetched, 1 decoded", StringComparison.Ordinal));

        // A cap below one photo still serves: the window holds one photo at a time.
        var one = new PhotoDataset(_dir.Path, options with { MaxCacheBytes = 1000 });
        Assert.Equal(1, one.ResidentPhotoCount);
        Assert.Equal(3 * 32 * 32, one.SampleBatch(new Random(1), 12, 32).Length / 12);
    }

    [SkippableFact]
    public void PreDownscaleIsMatlabBicubicAndValidationIsTheCentreCrop()
    {
        PhotoFolders.Fill(_dir.Path, 2);
        var ds = new PhotoDataset(_dir.Path, Options(48) with { Downscale = 2, ValidationFraction = 0.5 });
        var val = Assert.Single(ds.Validation);
        var full = PixelConversion.ToPlanar(ImageFile.Load(val.Path));
        var codes = new PlanarImage(3, full.Width, full.Height, full.Data.Select(v => MathF.Round(v * 255)).ToArray());
        var small = MatlabBicubic.ResizeUint8LikeByScale(codes, 0.5);
        var expected = Crop(small, (small.Width - 48) / 2, (small.Height - 48) / 2, 48).Select(v => v * (1f / 255f)).ToArray();
        Assert.Equal(expected, val.Rgb);
        Assert.Equal(48, ds.ValidationCropSize);

        var origin = ds.SamplePatch(new Random(3), 48, new float[3 * 48 * 48]);
        Assert.InRange(Math.Max(origin.X, origin.Y), 0, 241 - 48);
        Assert.Equal(241.0 * 161 / 1e6, ds.CachedMegapixels, 6);
    }

    /// <summary>Reference symmetries built from rotations and one mirror, independently of the dataset's index maths.</summary>
    private static float[] Expected(float[] crop, int transform, int s) => transform switch
    {
        0 => crop,
        1 => MirrorLeftRight(crop, s),
        2 => Rot90Cw(Rot90Cw(MirrorLeftRight(crop, s), s), s), // top–bottom mirror
        3 => Rot90Cw(Rot90Cw(crop, s), s),
        4 => Rot90Cw(Rot90Cw(Rot90Cw(MirrorLeftRight(crop, s), s), s), s), // transpose
        5 => Rot90Cw(Rot90Cw(Rot90Cw(crop, s), s), s), // 90° counter-clockwise
        6 => Rot90Cw(crop, s),
        _ => Rot90Cw(MirrorLeftRight(crop, s), s), // anti-transpose
    };

    private static float[] Rot90Cw(float[] p, int s) => Map(p, s, (u, v) => (v, s - 1 - u));

    private static float[] MirrorLeftRight(float[] p, int s) => Map(p, s, (u, v) => (s - 1 - u, v));

    private static float[] Map(float[] p, int s, Func<int, int, (int X, int Y)> source)
    {
        var o = new float[p.Length];
        for (int c = 0; c < 3; c++)
        {
            for (int v = 0; v < s; v++)
            {
                for (int u = 0; u < s; u++)
                {
                    var (x, y) = source(u, v);
                    o[(c * s * s) + (v * s) + u] = p[(c * s * s) + (y * s) + x];
                }
            }
        }

        return o;
    }

    internal static float[] Crop(PlanarImage img, int x0, int y0, int s)
    {
        var o = new float[3 * s * s];
        for (int c = 0; c < 3; c++)
        {
            for (int y = 0; y < s; y++)
            {
                for (int x = 0; x < s; x++)
                {
                    o[(c * s * s) + (y * s) + x] = img[c, x0 + x, y0 + y];
                }
            }
        }

        return o;
    }
}
