using AePaint.ImageFiles;
using AePaint.Imaging;
using AePaint.TestSupport;

namespace AePaint.Evaluation.Tests;

/// <summary>Small crops of the shared evaluation sets written as sets of their own: seconds instead of minutes.</summary>
internal static class SetCrops
{
    public static string Cbsd68 => TestPaths.EvalSet("CBSD68");

    /// <summary>64×48 crops of the first two CBSD68 images (enough for the peers), in <paramref name="dir"/>/tiny.</summary>
    public static string TinyCbsd68(TempDir dir)
    {
        var set = dir.File("tiny");
        if (!Directory.Exists(set))
        {
            Directory.CreateDirectory(set);
            foreach (var name in Directory.GetFiles(Cbsd68, "*.png").Order(StringComparer.Ordinal).Take(2))
            {
                ImageFile.Save(Path.Combine(set, Path.GetFileName(name)), Crop(ImageFile.Load(name), 100, 100, 64, 48));
            }
        }

        return set;
    }

    /// <summary>The top-left <paramref name="size"/>² of SIDD sample pairs <paramref name="indices"/>, as NOISY_i / GT_i in a new folder.</summary>
    public static string SiddPairs(TempDir dir, string folder, int size, params int[] indices)
    {
        var set = Directory.CreateDirectory(dir.File(folder)).FullName;
        var sidd = TestPaths.EvalSet("SIDD_samples");
        foreach (var i in indices)
        {
            ImageFile.Save(Path.Combine(set, $"NOISY_{i}.png"), Crop(ImageFile.Load(Path.Combine(sidd, $"NOISY_{i}.png")), 0, 0, size, size));
            ImageFile.Save(Path.Combine(set, $"GT_{i}.png"), Crop(ImageFile.Load(Path.Combine(sidd, $"GT_{i}.png")), 0, 0, size, size));
        }

        return set;
    }

    public static Bgra8Image Crop(Bgra8Image src, int x0, int y0, int w, int h)
    {
        var o = new Bgra8Image(w, h);
        for (int y = 0; y < h; y++)
        {
            src.Data.AsSpan((((y0 + y) * src.Width) + x0) * 4, w * 4).CopyTo(o.Row(y));
        }

        return o;
    }
}
