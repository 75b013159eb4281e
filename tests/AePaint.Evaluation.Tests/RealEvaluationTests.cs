using AePaint.Evaluation.Peers;
using AePaint.Evaluation.Protocols;
using AePaint.Evaluation.Reports;
using AePaint.ImageFiles;
using AePaint.TestSupport;
using static AePaint.Evaluation.Tests.ReportJson;

namespace AePaint.Evaluation.Tests;

/// <summary>Real noisy/clean pairs: finding them, scoring them, and the fixed-σ sweep beside the automatic σ.</summary>
public sealed class RealEvaluationTests : IDisposable
{
    private readonly TempDir _dir = new();
    private readonly string _identity;
    private readonly string _noiseMap;

    public RealEvaluationTests()
    {
        _identity = TestModels.Identity(_dir.Path);
        _noiseMap = TestModels.SubtractNoiseMap(_dir.Path);
    }

    public void Dispose() => _dir.Dispose();

    [SkippableFact]
    public void PairsAreFoundByEitherNamingAndScored()
    {
        var set = SetCrops.SiddPairs(_dir, "pairs", 64, 0, 1, 10);
        var sidd = TestPaths.EvalSet("SIDD_samples");
        ImageFile.Save(Path.Combine(set, "Canon_real.png"), SetCrops.Crop(ImageFile.Load(Path.Combine(sidd, "NOISY_2.png")), 0, 0, 64, 64));
        ImageFile.Save(Path.Combine(set, "Canon_mean.png"), SetCrops.Crop(ImageFile.Load(Path.Combine(sidd, "GT_2.png")), 0, 0, 64, 64));
        var c = Condition(Of(RealEvaluation.Run(new EvalSettings { SetDir = set, Models = [_identity], Peers = "dctdnoiz" })), 0);
        var noisy = Method(c, RealEvaluation.NoisyName);
        Assert.Equal(new[] { "0", "1", "10", "Canon" }, noisy.GetProperty("images").EnumerateArray().Select(i => i.GetProperty("image").GetString()!).ToArray());
        Assert.Equal(Scores(noisy), Scores(Method(c, "identity")));
        Assert.All(noisy.GetProperty("images").EnumerateArray(), i => Assert.InRange(i.GetProperty("psnr").GetDouble(), 15, 60));
        var peer = Method(c, "ffmpeg dctdnoiz");
        Assert.Equal(DenoisePeer.Select("dctdnoiz").Single().Installed ? MethodResult.Ok : MethodResult.NotInstalled, peer.GetProperty("status").GetString());

        File.Delete(Path.Combine(set, "GT_10.png"));
        var e = Assert.Throws<EvaluationException>(() => RealEvaluation.Run(new EvalSettings { SetDir = set }));
        Assert.Contains("no ground truth (GT_i or name_mean) for NOISY_10.png", e.Message);
        e = Assert.Throws<EvaluationException>(() => RealEvaluation.Run(new EvalSettings { SetDir = SetCrops.Cbsd68 }));
        Assert.Contains("no noisy/clean pairs", e.Message);
    }

    [SkippableFact]
    public void RunsOnTheSiddSamplesWithTheEstimatedSigma()
    {
        var c = Condition(Of(RealEvaluation.Run(new EvalSettings { SetDir = TestPaths.EvalSet("SIDD_samples"), Limit = 2, Peers = "none", Ssim = false, Models = [_noiseMap] })), 0);
        var noisy = Method(c, RealEvaluation.NoisyName);
        Assert.Equal(new[] { "0", "1" }, noisy.GetProperty("images").EnumerateArray().Select(i => i.GetProperty("image").GetString()!).ToArray());
        var model = Method(c, "nmap");
        Assert.All(model.GetProperty("images").EnumerateArray(), i => Assert.True(i.GetProperty("sigmaIn").GetDouble() > 0));
    }

    [SkippableFact]
    public void ASigmaSweepScoresEachFixedSigmaAndThePerImageBestBesideTheAutomaticOne()
    {
        var report = Of(RealEvaluation.Run(new EvalSettings { SetDir = TestPaths.EvalSet("SIDD_samples"), Limit = 2, Peers = "none", Ssim = false, Models = [_noiseMap] }, sweep: [0, 10]));
        var c = Condition(report, 0);
        var s0 = Scores(Method(c, SigmaSweep.RowName("nmap", 0)));
        var s10 = Scores(Method(c, SigmaSweep.RowName("nmap", 10)));
        Assert.NotEqual(s0, s10); // the map subtracts σ: the fixed rows differ
        var oracle = Method(c, SigmaSweep.OracleName("nmap"));
        var images = oracle.GetProperty("images").EnumerateArray().ToArray();
        for (int i = 0; i < images.Length; i++)
        {
            Assert.Equal(Math.Max(s0[i], s10[i]), images[i].GetProperty("psnr").GetDouble());
            Assert.Equal(s0[i] >= s10[i] ? 0 : 10, images[i].GetProperty("sigmaIn").GetDouble());
        }

        Assert.Contains(report.GetProperty("protocol").EnumerateArray(), p => p.GetString()!.Contains("vs the best fixed σ per image: mean gap", StringComparison.Ordinal));
    }
}
