using System.Globalization;
using AePaint.Imaging;
using AePaint.Trainer.Training;

namespace AePaint.Trainer.NoiseEstimation;

/// <summary>
/// The labelled crops a noise estimator trains on: <c>crops.bin</c> (each crop's 8-bit R, G, B planes back to back)
/// and <c>labels.tsv</c> (one row per crop: what degraded it, the denoiser's PSNR at every σ of the grid, the best σ).
/// Rows are appended one crop at a time, so a set still being written can already be read.
/// </summary>
internal sealed class NoiseLabelSet
{
    public const string CropsFile = "crops.bin";
    public const string LabelsFile = "labels.tsv";

    private NoiseLabelSet(int size, double[] grid, List<NoiseLabel> labels, byte[] crops)
    {
        Size = size;
        Grid = grid;
        Labels = labels;
        Crops = crops;
    }

    public int Size { get; }

    public double[] Grid { get; }

    public IReadOnlyList<NoiseLabel> Labels { get; }

    public byte[] Crops { get; }

    public int Count => Labels.Count;

    public static string Header(int size, IEnumerable<double> grid) =>
        string.Create(CultureInfo.InvariantCulture, $"index\tkind\tdetail\tsize={size}\tbest_sigma\t{string.Join('\t', grid.Select(s => $"psnr@{s}"))}");

    public static string Row(NoiseLabel l) =>
        string.Create(CultureInfo.InvariantCulture, $"{l.Index}\t{l.Kind}\t{l.Detail}\t\t{l.BestSigma:F3}\t{string.Join('\t', l.Psnr.Select(p => p.ToString("F3", CultureInfo.InvariantCulture)))}");

    /// <summary>Reads every complete row and its crop.</summary>
    public static NoiseLabelSet Load(string folder)
    {
        var lines = File.ReadAllLines(Path.Combine(folder, LabelsFile));
        if (lines.Length == 0)
        {
            throw new TrainerException($"{folder}: {LabelsFile} is empty");
        }

        var head = lines[0].Split('\t');
        int size = int.Parse(head[3].Split('=')[1], CultureInfo.InvariantCulture);
        var grid = head.Skip(5).Select(h => double.Parse(h[5..], CultureInfo.InvariantCulture)).ToArray();
        var bytes = File.ReadAllBytes(Path.Combine(folder, CropsFile));
        int per = 3 * size * size;
        var labels = new List<NoiseLabel>();
        foreach (var line in lines.Skip(1))
        {
            var f = line.Split('\t');
            if (f.Length != 5 + grid.Length)
            {
                continue;
            }

            int index = int.Parse(f[0], CultureInfo.InvariantCulture);
            if ((long)(index + 1) * per > bytes.LongLength)
            {
                continue;
            }

            labels.Add(new NoiseLabel(index, f[1], f[2], double.Parse(f[4], CultureInfo.InvariantCulture), f.Skip(5).Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray()));
        }

        return new NoiseLabelSet(size, grid, labels, bytes);
    }

    /// <summary>Crop <paramref name="k"/> (of <see cref="Labels"/>) as planar floats in [0, 1].</summary>
    public void Read(int k, Span<float> dst)
    {
        int per = 3 * Size * Size;
        var src = Crops.AsSpan(Labels[k].Index * per, per);
        for (int i = 0; i < per; i++)
        {
            dst[i] = src[i] / 255f;
        }
    }

    /// <summary>
    /// The σ that maximises a PSNR curve sampled on <paramref name="grid"/>: the best grid point, refined by a parabola
    /// through it and its neighbours in log(1 + σ) (the curves are smooth there; the grid is roughly geometric).
    /// </summary>
    public static double BestSigma(IReadOnlyList<double> grid, IReadOnlyList<double> psnr)
    {
        int k = 0;
        for (int i = 1; i < psnr.Count; i++)
        {
            if (psnr[i] > psnr[k])
            {
                k = i;
            }
        }

        if (k == 0 || k == grid.Count - 1)
        {
            return grid[k];
        }

        double x0 = Math.Log(1 + grid[k - 1]), x1 = Math.Log(1 + grid[k]), x2 = Math.Log(1 + grid[k + 1]);
        double y0 = psnr[k - 1], y1 = psnr[k], y2 = psnr[k + 1];
        double num = ((x1 - x0) * (x1 - x0) * (y1 - y2)) - ((x1 - x2) * (x1 - x2) * (y1 - y0));
        double den = ((x1 - x0) * (y1 - y2)) - ((x1 - x2) * (y1 - y0));
        double x = den == 0 ? x1 : Math.Clamp(x1 - (0.5 * num / den), x0, x2);
        return Math.Exp(x) - 1;
    }
}
