using AePaint.Imaging;
using AePaint.Inference.Embedding;
using Microsoft.ML.OnnxRuntime;

namespace AePaint.Inference;

/// <summary>
/// The learned noise-level estimator (trained by `aepaint-train noise`): a small ONNX net that reads a patch and gives
/// log(1 + σ), σ being what denoise-fast does best with on that patch — the level to tell the model, not the
/// noise's pixel σ. An image's σ comes from the mean over a grid of patches spread over it. Not the automatic reading:
/// measured against the statistical one (`aepaint-train noise check`, models/README issue 17) it did not beat it, so
/// <see cref="NoiseLevel"/> does not use it and no estimator ships (the candidate is in models/experiments/noise-level).
/// </summary>
public sealed class LearnedNoiseLevel : IDisposable
{
    /// <summary>Patches per side at most: 16 patches of 128² read a photo in ≈ 1 GMAC.</summary>
    public const int PatchesPerSide = 4;

    private readonly InferenceSession _session;
    private readonly string _input;
    private readonly string _output;

    public LearnedNoiseLevel(byte[] onnx)
    {
        _session = SessionBackend.Current.CreateCpu(onnx, new CpuTuning { Threads = 1 });
        var input = _session.InputMetadata.Single();
        _input = input.Key;
        _output = _session.OutputMetadata.Single().Key;
        var dims = input.Value.Dimensions;
        if (dims.Length != 4 || dims[1] != 3 || dims[2] < 8 || dims[2] != dims[3])
        {
            _session.Dispose();
            throw new ArgumentException($"a noise-level estimator takes [1, 3, P, P] with a fixed P; this one takes [{string.Join(", ", dims)}]", nameof(onnx));
        }

        Patch = dims[2];
    }

    /// <summary>Side of the square patches the net reads.</summary>
    public int Patch { get; }

    /// <summary>σ (0..255 units) to tell denoise-fast for <paramref name="image"/> (alpha ignored).</summary>
    public double Estimate(Bgra8Image image)
    {
        var grid = ImageEmbedding.Grid(image.Width, image.Height, Patch, PatchesPerSide);
        var window = new PlanarImage(3, Patch, Patch);
        double sum = 0;
        foreach (var (x, y) in grid)
        {
            PixelConversion.ReadWindow(image, x, y, window);
            sum += Run(window);
        }

        return Math.Max(0, Math.Exp(sum / grid.Count) - 1);
    }

    public void Dispose() => _session.Dispose();

    private float Run(PlanarImage window)
    {
        using var input = OrtValue.CreateTensorValueFromMemory(window.Data, [1, 3, Patch, Patch]);
        using var options = new RunOptions();
        using var outputs = SessionBackend.Current.Run(_session, options, _input, input, _output);
        return outputs[0].GetTensorDataAsSpan<float>()[0];
    }
}
