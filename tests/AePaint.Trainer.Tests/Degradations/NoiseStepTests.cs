using System.Globalization;
using AePaint.Imaging;
using AePaint.Trainer.Degradations;
using Xunit.Abstractions;
using static AePaint.Trainer.Tests.Degradations.RealPatches;

namespace AePaint.Trainer.Tests.Degradations;

/// <summary>Noise steps measured on real photos: σ, the linear-light variance law, chroma correlation.</summary>
public sealed class NoiseStepTests(ITestOutputHelper output)
{
    [SkippableTheory]
    [InlineData(5.0)]
    [InlineData(25.0)]
    [InlineData(50.0)]
    public void AwgnMeasuredSigmaMatchesRequested(double sigma)
    {
        var clean = Load(Names[0]);
        var result = new AwgnNoise(sigma, sigma).Apply(clean.Clone(), new Random(3));
        double measured = Std(Difference255(clean, result.Image));
        output.WriteLine(Inv($"AWGN σ={sigma}: measured {measured:F3} over {clean.Data.Length} values ({(measured / sigma) - 1:P2})"));
        Assert.Equal(sigma, result.Report.Sigma255);
        Assert.InRange(measured / sigma, 0.98, 1.02);
        Assert.Contains(result.Image.Data, v => v < 0 || v > 1); // unclipped by default, as the protocol
    }

    [SkippableFact]
    public void AwgnDrawsSigmaInRangeReportsItAndClips()
    {
        var clean = Load(Names[1]);
        var sigmas = new List<double>();
        for (int seed = 0; seed < 6; seed++)
        {
            var result = new AwgnNoise(10, 50, clip: true).Apply(clean.Clone(), new Random(seed));
            var diff = Difference255(clean, result.Image);
            sigmas.Add(result.Report.Sigma255);
            Assert.InRange(result.Report.Sigma255, 10, 50);
            Assert.All(result.Image.Data, v => Assert.InRange(v, 0f, 1f));

            // Clipping only shrinks the noise, and on this photo by little.
            Assert.InRange(Std(diff) / result.Report.Sigma255, 0.85, 1.0);
        }

        Assert.True(sigmas.Distinct().Count() == sigmas.Count, "σ should vary with the seed");
        var again = new AwgnNoise(10, 50, clip: true).Apply(clean.Clone(), new Random(2));
        Assert.Equal(sigmas[2], again.Report.Sigma255);
    }

    [SkippableFact]
    public void PoissonGaussianVarianceInLinearLightIsShotTimesIntensityPlusRead()
    {
        const double A = 0.004, B = 4e-4;
        const int Bins = 16;
        var n = new double[Bins];
        var sx = new double[Bins];
        var sd = new double[Bins];
        var sdd = new double[Bins];
        int seed = 0;
        foreach (var name in Names)
        {
            var clean = Load(name);
            var step = new PoissonGaussianNoise(A, A, B, B, clip: false);
            var result = step.Apply(clean.Clone(), new Random(seed++));
            for (int i = 0; i < clean.Data.Length; i++)
            {
                double x = Srgb.ToLinear(clean.Data[i]);
                double d = Srgb.ToLinear(result.Image.Data[i]) - x;
                int bin = Math.Min(Bins - 1, (int)(x * Bins));
                n[bin]++;
                sx[bin] += x;
                sd[bin] += d;
                sdd[bin] += d * d;
            }
        }

        // Weighted least squares of per-bin variance on per-bin mean intensity (the model is affine, so bin means are exact).
        var points = Enumerable.Range(0, Bins).Where(b => n[b] >= 5000)
            .Select(b => (X: sx[b] / n[b], V: (sdd[b] / n[b]) - Math.Pow(sd[b] / n[b], 2), W: n[b])).ToList();
        double w = points.Sum(p => p.W), mx = points.Sum(p => p.W * p.X) / w, mv = points.Sum(p => p.W * p.V) / w;
        double a = points.Sum(p => p.W * (p.X - mx) * (p.V - mv)) / points.Sum(p => p.W * (p.X - mx) * (p.X - mx));
        double b = mv - (a * mx);
        foreach (var p in points)
        {
            output.WriteLine(Inv($"x={p.X:F3}  var={p.V:E3}  model={(A * p.X) + B:E3}  n={p.W}"));
        }

        output.WriteLine(Inv($"fit over {points.Count} bins: a={a:E4} (set {A:E1}, {(a / A) - 1:P2}), b={b:E4} (set {B:E1}, {(b / B) - 1:P2})"));
        Assert.True(points.Count >= 10, $"only {points.Count} populated bins");
        Assert.InRange(a / A, 0.95, 1.05);
        Assert.InRange(b / B, 0.95, 1.05);
    }

    [SkippableFact]
    public void PoissonGaussianReportsEquivalentSigmaAndClips()
    {
        var clean = Load(Names[2]);
        var result = new PoissonGaussianNoise(1e-3, 1e-2, 1e-5, 1e-3).Apply(clean.Clone(), new Random(11));
        double rms = Math.Sqrt(Difference255(clean, result.Image).Average(d => d * d));
        output.WriteLine($"{result.Report}: equivalent σ {result.Report.Sigma255:F2}");
        Assert.Equal(rms, result.Report.Sigma255, 6);
        Assert.InRange(result.Report.Sigma255, 1, 60);
        Assert.All(result.Image.Data, v => Assert.InRange(v, 0f, 1f));
    }

    [SkippableFact]
    public void ChromaNoiseKeepsLumaAndIsSpatiallyCorrelatedUnlikeAwgn()
    {
        var clean = Load(Names[3]);
        int w = clean.Width, h = clean.Height;
        var chroma = new ChromaNoise(20, 20, 1.5, 1.5, clip: false).Apply(clean.Clone(), new Random(5));
        var awgn = new AwgnNoise(20, 20).Apply(clean.Clone(), new Random(5));

        var dRgb = Difference255(clean, chroma.Image);
        double rgbRms = Math.Sqrt(dRgb.Average(d => d * d));
        var yClean = Luma255(clean);
        var yNoisy = Luma255(chroma.Image);
        double lumaRms = Math.Sqrt(yClean.Zip(yNoisy, (a, b) => (b - a) * (b - a)).Average());

        // Cb change = (ΔB − ΔY)/1.772 should have the requested σ.
        int n = w * h;
        var dCb = Enumerable.Range(0, n).Select(i => (dRgb[i + (2 * n)] - (yNoisy[i] - yClean[i])) / 1.772).ToArray();
        double cbStd = Std(dCb);

        double chromaCorrH = NeighbourCorrelation(dRgb, w, h, horizontal: true);
        double chromaCorrV = NeighbourCorrelation(dRgb, w, h, horizontal: false);
        var dAwgn = Difference255(clean, awgn.Image);
        double awgnCorrH = NeighbourCorrelation(dAwgn, w, h, horizontal: true);
        double awgnCorrV = NeighbourCorrelation(dAwgn, w, h, horizontal: false);
        output.WriteLine(Inv($"chroma: RGB RMS {rgbRms:F2} (report {chroma.Report.Sigma255:F2}), luma RMS {lumaRms:E2}, Cb σ {cbStd:F2} (set 20), neighbour corr H {chromaCorrH:F3} V {chromaCorrV:F3} (theory {Math.Exp(-1 / (4 * 1.5 * 1.5)):F3}); AWGN corr H {awgnCorrH:F4} V {awgnCorrV:F4}"));

        Assert.Equal(rgbRms, chroma.Report.Sigma255, 6);
        Assert.True(lumaRms < 0.001 * rgbRms, $"luma changed by {lumaRms}");
        Assert.InRange(cbStd / 20, 0.95, 1.05);
        Assert.True(chromaCorrH > 0.6 && chromaCorrV > 0.6, $"chroma noise correlation {chromaCorrH}, {chromaCorrV}");
        Assert.InRange(awgnCorrH, -0.02, 0.02);
        Assert.InRange(awgnCorrV, -0.02, 0.02);
    }

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
