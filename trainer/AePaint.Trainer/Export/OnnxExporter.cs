using AePaint.Imaging;
using AePaint.Inference;
using AePaint.Inference.Cards;
using AePaint.OnnxFormat;
using AePaint.Trainer.Nets;
using TorchSharp;
using static TorchSharp.torch;

namespace AePaint.Trainer.Export;

/// <summary>
/// Writes a trained net as ONNX (opset 17, dynamic H/W, float32) with its card embedded and as a sidecar, then
/// loads it with the engine (ONNX Runtime, CPU) and compares it with the TorchSharp forward on random and real
/// inputs of several sizes. Above <see cref="Tolerance"/> the export is deleted and fails. A card whose
/// <see cref="ModelCard.WeightStorage"/> is float16 gets float16-stored weights (<see cref="Float16Weights"/>): the
/// net's own weights are rounded to float16 first, so the parity check compares the very function the file holds.
/// </summary>
internal static class OnnxExporter
{
    public const double Tolerance = 1e-4;

    /// <summary>
    /// Float32 weights above this many bytes are stored as float16 unless asked otherwise: the size shipped models
    /// must stay under (issue 18), and float16 rounding costs the quality denoiser ≤ 0.05 dB (models/reports).
    /// </summary>
    public const long Float16AboveBytes = 5_000_000;

    /// <summary>The card's weight storage for a requested one: auto = float16 when the float32 weights exceed <see cref="Float16AboveBytes"/>.</summary>
    public static string? StorageFor(WeightStorage requested, TrainableNet net) => requested switch
    {
        WeightStorage.Fp16 => ModelCard.Float16Storage,
        WeightStorage.Fp32 => null,
        _ => net.Parameters * sizeof(float) > Float16AboveBytes ? ModelCard.Float16Storage : null,
    };

    /// <summary>Writes and checks the export; a float16-storage card rounds <paramref name="net"/>'s weights in place.</summary>
    public static IReadOnlyList<ParityResult> Export(TrainableNet net, ModelCard card, string path, Bgra8Image? realSample = null)
    {
        bool half = card.WeightStorage == ModelCard.Float16Storage;
        if (half)
        {
            net.RoundWeightsToFloat16();
        }

        var b = new OnnxGraphBuilder(card.Name);
        var x = b.Input("input", card.GraphInputChannels);
        b.Output("output", net.Exportable.Export(b, x), card.OutputChannels);
        var proto = b.Build();
        if (half)
        {
            Float16Weights.Apply(proto);
        }
        OnnxModelFile.WriteWithCard(proto, card, path);
        try
        {
            var results = CheckParity(net, path, realSample);
            var worst = results.MaxBy(r => r.MaxAbsDiff)!;
            if (worst.MaxAbsDiff > Tolerance)
            {
                throw new InvalidOperationException($"{path}: ONNX export disagrees with the TorchSharp net by {worst.MaxAbsDiff:E2} (> {Tolerance:E0}) on a {worst.Width}×{worst.Height} {worst.Input} input; export removed");
            }

            return results;
        }
        catch
        {
            Remove(path);
            throw;
        }
    }

    /// <summary>Deletes a failed export: the .onnx and its card sidecar.</summary>
    public static void Remove(string path)
    {
        File.Delete(path);
        File.Delete(ModelCardJson.SidecarPath(path));
    }

    public static IReadOnlyList<ParityResult> CheckParity(TrainableNet net, string path, Bgra8Image? realSample)
    {
        using var session = ModelSession.Open(path, ExecutionDevice.Cpu);
        var card = session.Card;
        int m = card.MultipleOf;
        var sizes = m == 1
            ? new[] { (17, 23), (1, 1), (40, 31) }
            : new[] { (m * 3, m * 5), (m, m), (m * 7, m * 2) };
        var rng = new Random(5);
        var results = new List<ParityResult>();
        foreach (var (w, h) in sizes)
        {
            var window = new PlanarImage(card.GraphInputChannels, w, h);
            for (int i = 0; i < window.Data.Length; i++)
            {
                window.Data[i] = (float)rng.NextDouble();
            }

            FillNoiseMap(window, card, 25f);
            results.Add(Compare(net, session, window, "random"));
        }

        if (realSample != null)
        {
            int w = Math.Min(realSample.Width, 96) / m * m, h = Math.Min(realSample.Height, 80) / m * m;
            if (w > 0 && h > 0)
            {
                var window = new PlanarImage(card.GraphInputChannels, w, h);
                var colour = new PlanarImage(card.InputChannels, w, h);
                PixelConversion.ReadWindow(realSample, 0, 0, colour);
                colour.Data.CopyTo(window.Data, 0);
                FillNoiseMap(window, card, 15f);
                results.Add(Compare(net, session, window, "photo"));
            }
        }

        return results;
    }

    private static void FillNoiseMap(PlanarImage window, ModelCard card, float sigma)
    {
        if (card.NoiseMap is { } nm)
        {
            window.Plane(card.InputChannels).Fill(sigma / nm.Divisor);
        }
    }

    private static ParityResult Compare(TrainableNet net, ModelSession session, PlanarImage window, string kind)
    {
        var onnx = session.Run(window);
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var input = tensor(window.Data, [1, window.Channels, window.Height, window.Width]);
        var torchOut = net.Module.forward(input).contiguous().data<float>().ToArray();
        if (torchOut.Length != onnx.Data.Length)
        {
            throw new InvalidOperationException($"export shape mismatch: TorchSharp gives {torchOut.Length} values, ONNX {onnx.Data.Length}");
        }

        double max = 0;
        for (int i = 0; i < torchOut.Length; i++)
        {
            max = Math.Max(max, Math.Abs(torchOut[i] - onnx.Data[i]));
        }

        return new ParityResult(window.Width, window.Height, kind, max);
    }
}
