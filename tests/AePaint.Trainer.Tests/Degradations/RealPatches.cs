using AePaint.ImageFiles;
using AePaint.Imaging;
using AePaint.TestSupport;

namespace AePaint.Trainer.Tests.Degradations;

/// <summary>Real photos (CBSD68, 481×321) as planar [0, 1] RGB, and the statistics the degradation tests measure.</summary>
internal static class RealPatches
{
    public static readonly string[] Names = ["101085", "108005", "119082", "130026"];

    public static PlanarImage Load(string name) => PixelConversion.ToPlanar(ImageFile.Load(Path.Combine(TestPaths.EvalSet("CBSD68"), name + ".png")));

    /// <summary>(b − a)·255 per value.</summary>
    public static double[] Difference255(PlanarImage a, PlanarImage b) => a.Data.Zip(b.Data, (x, y) => ((double)y - x) * 255).ToArray();

    public static double Std(IReadOnlyList<double> v)
    {
        double mean = v.Average();
        return Math.Sqrt(v.Sum(x => (x - mean) * (x - mean)) / v.Count);
    }

    /// <summary>Pearson correlation between each value and its right neighbour (dx = 1) or lower neighbour (dx = 0), per plane.</summary>
    public static double NeighbourCorrelation(double[] planes, int width, int height, bool horizontal)
    {
        var a = new List<double>();
        var b = new List<double>();
        int plane = width * height;
        for (int c = 0; c < planes.Length / plane; c++)
        {
            for (int y = 0; y < height - (horizontal ? 0 : 1); y++)
            {
                for (int x = 0; x < width - (horizontal ? 1 : 0); x++)
                {
                    int i = (c * plane) + (y * width) + x;
                    a.Add(planes[i]);
                    b.Add(planes[i + (horizontal ? 1 : width)]);
                }
            }
        }

        double ma = a.Average(), mb = b.Average(), sab = 0, saa = 0, sbb = 0;
        for (int i = 0; i < a.Count; i++)
        {
            sab += (a[i] - ma) * (b[i] - mb);
            saa += (a[i] - ma) * (a[i] - ma);
            sbb += (b[i] - mb) * (b[i] - mb);
        }

        return sab / Math.Sqrt(saa * sbb);
    }

    /// <summary>Full-range BT.601 luma, 0..255.</summary>
    public static double[] Luma255(PlanarImage img)
    {
        int n = img.PlaneSize;
        var y = new double[n];
        for (int i = 0; i < n; i++)
        {
            y[i] = 255 * ((0.299 * img.Data[i]) + (0.587 * img.Data[i + n]) + (0.114 * img.Data[i + (2 * n)]));
        }

        return y;
    }
}
