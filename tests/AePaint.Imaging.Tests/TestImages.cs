using AePaint.ImageFiles;
using AePaint.Imaging;
using AePaint.TestSupport;

namespace AePaint.Imaging.Tests;

/// <summary>
/// An evaluation image as R, G, B planes holding the 0..255 byte values. <paramref name="GrayFile"/>: the
/// file itself has one channel (PNG colour type 0/4), as MATLAB's imread would return it; an RGB file
/// with R = G = B (Set14 `man`) is not a gray file.
/// </summary>
internal sealed record TestImage(string Name, PlanarImage Rgb255, bool GrayFile)
{
    /// <summary>The same pixels scaled to [0, 1].</summary>
    public PlanarImage Rgb01()
    {
        var img = Rgb255.Clone();
        var d = img.Data;
        for (int i = 0; i < d.Length; i++)
        {
            d[i] /= 255f;
        }

        return img;
    }
}

/// <summary>Evaluation sets, each loaded once per test run and shared by every test class.</summary>
internal static class TestImages
{
    private static readonly Lazy<IReadOnlyList<TestImage>> Set5Images = new(() => Load("Set5"));
    private static readonly Lazy<IReadOnlyList<TestImage>> Set14Images = new(() => Load("Set14"));
    private static readonly Lazy<IReadOnlyList<TestImage>> Cbsd68Images = new(() => Load("CBSD68"));

    public static IReadOnlyList<TestImage> Set(string name) => name switch
    {
        "Set5" => Set5Images.Value,
        "Set14" => Set14Images.Value,
        "CBSD68" => Cbsd68Images.Value,
        _ => throw new ArgumentException(name, nameof(name)),
    };

    /// <summary>B, G, R bytes of a BGRA image into R, G, B planes of 0..255 values.</summary>
    public static PlanarImage ToRgb255(Bgra8Image src)
    {
        var img = new PlanarImage(3, src.Width, src.Height);
        int n = img.PlaneSize;
        var d = img.Data;
        var b = src.Data;
        for (int i = 0; i < n; i++)
        {
            d[i] = b[(i * 4) + 2];
            d[n + i] = b[(i * 4) + 1];
            d[(2 * n) + i] = b[i * 4];
        }

        return img;
    }

    // IHDR colour type (byte 25 of a PNG): 0 = gray, 4 = gray + alpha.
    private static bool IsGrayPng(string path)
    {
        var head = new byte[26];
        using (var f = File.OpenRead(path))
        {
            f.ReadExactly(head);
        }

        return head[25] is 0 or 4;
    }

    private static List<TestImage> Load(string set)
    {
        var files = Directory.GetFiles(TestPaths.EvalSet(set), "*.png").Order(StringComparer.Ordinal).ToArray();
        Assert.NotEmpty(files);
        var images = new TestImage[files.Length];
        Parallel.For(0, files.Length, i =>
        {
            var bgra = ImageFile.Load(files[i]);
            images[i] = new TestImage(Path.GetFileNameWithoutExtension(files[i]), ToRgb255(bgra), IsGrayPng(files[i]));
        });
        return [.. images];
    }
}
