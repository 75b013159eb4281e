using System.Globalization;
using System.Text;
using AePaint.Imaging.Files;

namespace AePaint.Trainer.NoiseEstimation;

/// <summary>PSNR of a denoiser at a fixed σ per image, kept in a TSV (image, σ, PSNR) so repeated checks skip the runs.</summary>
internal sealed class SweepCache
{
    private readonly string _path;
    private readonly Dictionary<(string, double), double> _values;

    private SweepCache(string path, Dictionary<(string, double), double> values)
    {
        _path = path;
        _values = values;
    }

    public static SweepCache Load(string path)
    {
        var values = new Dictionary<(string, double), double>();
        if (File.Exists(path))
        {
            foreach (var f in File.ReadAllLines(path).Select(l => l.Split('\t')).Where(f => f.Length == 3))
            {
                values[(f[0], double.Parse(f[1], CultureInfo.InvariantCulture))] = double.Parse(f[2], CultureInfo.InvariantCulture);
            }
        }

        return new SweepCache(path, values);
    }

    public double GetOrAdd(string image, double sigma, Func<double> compute)
    {
        if (!_values.TryGetValue((image, sigma), out double v))
        {
            v = compute();
            _values[(image, sigma)] = v;
        }

        return v;
    }

    public void Save()
    {
        var lines = _values.Select(kv => string.Create(CultureInfo.InvariantCulture, $"{kv.Key.Item1}\t{kv.Key.Item2}\t{kv.Value:R}{Environment.NewLine}"));
        AtomicFile.Write(_path, Encoding.UTF8.GetBytes(string.Concat(lines)), replace: true);
    }
}
