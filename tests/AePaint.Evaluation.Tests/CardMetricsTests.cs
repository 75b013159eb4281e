using AePaint.Evaluation.Protocols;
using AePaint.Evaluation.Reports;
using AePaint.Inference.Cards;
using AePaint.OnnxFormat;
using AePaint.TestSupport;

namespace AePaint.Evaluation.Tests;

/// <summary>`--record`: a report's means written into the evaluated models' cards, embedded and sidecar.</summary>
public sealed class CardMetricsTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [SkippableFact]
    public void TheMeansGoIntoTheCardAndARerunReplacesThem()
    {
        var shuffle2 = TestModels.PixelShuffle(_dir.Path, 2);
        var settings = new EvalSettings { SetDir = TestPaths.EvalSet("Set5"), Models = [shuffle2] };
        var first = CardMetrics.Record(SrEvaluation.Run(settings with { Ssim = false }, [2]), [shuffle2]);
        Assert.EndsWith("shuffle2.onnx: 1 metrics", Assert.Single(first), StringComparison.Ordinal);
        CardMetrics.Record(SrEvaluation.Run(settings, [2]), [shuffle2]);
        foreach (var card in new[]
        {
            OnnxModelFile.GetCard(OnnxModelFile.Read(shuffle2), shuffle2)!,
            ModelCardJson.Deserialize(File.ReadAllText(Path.ChangeExtension(shuffle2, ".json")), "sidecar"),
        })
        {
            var psnr = Assert.Single(card.Metrics, m => m.Dataset == "Set5" && m.Metric == "psnr");
            Assert.Equal("sr ×2", psnr.Condition);
            Assert.InRange(psnr.Value, 20, 40);
            Assert.Single(card.Metrics, m => m.Dataset == "Set5" && m.Metric == "ssim");
        }
    }

    [SkippableFact]
    public void ARealNoiseConditionIsNamedOnceAndReplacesTheOldDoubledName()
    {
        var identity = TestModels.Identity(_dir.Path);
        var set = SetCrops.SiddPairs(_dir, "real-record", 48, 0, 1);
        var proto = OnnxModelFile.Read(identity);
        var card = OnnxModelFile.GetCard(proto, identity)!;
        OnnxModelFile.WriteWithCard(proto, card with { Metrics = [new("real-record", "psnr", 1.0, "real real noise")] }, identity);
        var report = RealEvaluation.Run(new EvalSettings { SetDir = set, Models = [identity], Peers = "none", Ssim = false });
        CardMetrics.Record(report, [identity]);
        var recorded = OnnxModelFile.GetCard(OnnxModelFile.Read(identity), identity)!;
        var psnr = Assert.Single(recorded.Metrics);
        Assert.Equal(("real-record", "psnr", "real noise"), (psnr.Dataset, psnr.Metric, psnr.Condition));
        Assert.InRange(psnr.Value, 15, 60);
    }
}
