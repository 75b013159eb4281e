using AePaint.Inference;
using AePaint.Inference.Cards;
using AePaint.TestSupport;
using AePaint.Trainer.Export;
using AePaint.Trainer.Nets;
using AePaint.Trainer.Training.Recipe;
using Xunit.Abstractions;

namespace AePaint.Trainer.Tests.Nets;

/// <summary>Every preset exports to ONNX that ONNX Runtime runs with the same output as TorchSharp (≤ 1e-4).</summary>
public sealed class ExportParityTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempDir _dir = new();

    public static TheoryData<string, string, int> Presets()
    {
        var data = new TheoryData<string, string, int>();
        foreach (var p in NetPreset.Denoise.Keys)
        {
            data.Add("denoise", p, 1);
        }

        foreach (var p in NetPreset.SuperResolution.Keys)
        {
            foreach (var s in new[] { 2, 3, 4 })
            {
                data.Add("sr", p, s);
            }
        }

        return data;
    }

    [SkippableTheory]
    [MemberData(nameof(Presets))]
    public void ExportMatchesTorchSharp(string task, string preset, int scale)
    {
        TorchRuntime.Initialize();
        var t = task == "denoise" ? ModelTask.Denoise : ModelTask.SuperResolution;
        using var net = TrainableNet.Create(t, preset, scale, seed: 3);
        int rf = ReceptiveField.Measure(net);
        var card = net.BaseCard($"{task}-{preset}-x{scale}", rf, new NoiseSection().MapSpec());
        var path = _dir.File($"{task}-{preset}-{scale}.onnx");
        var photo = AePaint.ImageFiles.ImageFile.Load(Directory.GetFiles(TestPaths.EvalSet("Set5"), "*.png").Order().First());
        var results = OnnxExporter.Export(net, card, path, photo);
        output.WriteLine($"{net.Architecture} ×{scale}: {net.Parameters:N0} params, {net.MacsPerPixel:N0} MAC/px, RF {rf} (theoretical {net.TheoreticalReceptiveField}), ONNX {new FileInfo(path).Length / 1024} KB");
        foreach (var r in results)
        {
            output.WriteLine($"  {r.Width}×{r.Height} {r.Input}: max |Δ| {r.MaxAbsDiff:E2}");
        }

        Assert.All(results, r => Assert.True(r.MaxAbsDiff <= OnnxExporter.Tolerance, $"{r.Width}×{r.Height}: {r.MaxAbsDiff}"));
        Assert.Contains(results, r => r.Input == "photo");
        using var session = ModelSession.Open(path, ExecutionDevice.Cpu);
        Assert.Equal(card.Name, session.Card.Name);
        Assert.InRange(rf, 1, net.TheoreticalReceptiveField);
    }

    public static TheoryData<string, string, int> Float16Presets() => new()
    {
        { "denoise", "tiny", 1 },
        { "denoise", "quality", 1 },
        { "sr", "tiny", 2 },
        { "sr", "quality", 2 },
    };

    /// <summary>
    /// Float16-stored weights: the net with its weights rounded to float16 and ONNX Runtime agree within the same
    /// tolerance (re-parameterised convs included: their fused kernel is what gets rounded), the card says so, and the
    /// file is about half the float32 one.
    /// </summary>
    [SkippableTheory]
    [MemberData(nameof(Float16Presets))]
    public void Float16ExportMatchesTheRoundedNet(string task, string preset, int scale)
    {
        TorchRuntime.Initialize();
        var t = task == "denoise" ? ModelTask.Denoise : ModelTask.SuperResolution;
        using var net = TrainableNet.Create(t, preset, scale, seed: 3);
        int rf = ReceptiveField.Measure(net);
        var card = net.BaseCard($"{task}-{preset}-x{scale}", rf, new NoiseSection().MapSpec());
        var full = _dir.File($"{task}-{preset}-{scale}-fp32.onnx");
        var half = _dir.File($"{task}-{preset}-{scale}-fp16.onnx");
        var photo = AePaint.ImageFiles.ImageFile.Load(Directory.GetFiles(TestPaths.EvalSet("Set5"), "*.png").Order().First());
        OnnxExporter.Export(net, card, full, photo);
        var before = net.Module.parameters().Select(p =>
        {
            using var detached = p.detach();
            return detached.clone();
        }).ToList();
        var results = OnnxExporter.Export(net, card with { WeightStorage = ModelCard.Float16Storage }, half, photo);
        var changed = net.Module.parameters().Zip(before).Count(pair =>
        {
            using var scope = TorchSharp.torch.NewDisposeScope();
            return !pair.First.equal(pair.Second).all().item<bool>();
        });
        before.ForEach(p => p.Dispose());
        output.WriteLine($"{net.Architecture} ×{scale}: ONNX {new FileInfo(full).Length / 1024} KB → {new FileInfo(half).Length / 1024} KB; {changed} parameter tensors moved by the rounding");
        foreach (var r in results)
        {
            output.WriteLine($"  {r.Width}×{r.Height} {r.Input}: max |Δ| {r.MaxAbsDiff:E2}");
        }

        Assert.True(changed > 0, "rounding to float16 left every weight as it was");
        Assert.All(results, r => Assert.True(r.MaxAbsDiff <= OnnxExporter.Tolerance, $"{r.Width}×{r.Height}: {r.MaxAbsDiff}"));
        Assert.InRange(new FileInfo(half).Length, new FileInfo(full).Length * 0.45, new FileInfo(full).Length * 0.6);
        using var session = ModelSession.Open(half, ExecutionDevice.Cpu);
        Assert.Equal(ModelCard.Float16Storage, session.Card.WeightStorage);
    }

    [Fact]
    public void AutoStorageIsFloat16OnlyAboveTheSizeBudget()
    {
        TorchRuntime.Initialize();
        using var tiny = TrainableNet.Create(ModelTask.Denoise, "tiny", 1, seed: 1);
        using var quality = TrainableNet.Create(ModelTask.Denoise, "quality", 1, seed: 1);
        Assert.Null(OnnxExporter.StorageFor(WeightStorage.Auto, tiny));
        Assert.Equal(ModelCard.Float16Storage, OnnxExporter.StorageFor(WeightStorage.Auto, quality));
        Assert.Equal(ModelCard.Float16Storage, OnnxExporter.StorageFor(WeightStorage.Fp16, tiny));
        Assert.Null(OnnxExporter.StorageFor(WeightStorage.Fp32, quality));
    }

    [Fact]
    public void ExportThatDisagreesIsRemoved()
    {
        TorchRuntime.Initialize();
        using var net = TrainableNet.Create(ModelTask.SuperResolution, "tiny", 2, seed: 1);
        using var other = TrainableNet.Create(ModelTask.SuperResolution, "tiny", 2, seed: 2);
        var path = _dir.File("mismatch.onnx");
        OnnxExporter.Export(net, net.BaseCard("mismatch", 5, new NoiseSection().MapSpec()), path);
        var e = Assert.Throws<InvalidOperationException>(() =>
        {
            var results = OnnxExporter.CheckParity(other, path, null);
            if (results.Max(r => r.MaxAbsDiff) > OnnxExporter.Tolerance)
            {
                throw new InvalidOperationException("disagrees");
            }
        });
        Assert.Contains("disagrees", e.Message);
    }

    public void Dispose() => _dir.Dispose();
}
