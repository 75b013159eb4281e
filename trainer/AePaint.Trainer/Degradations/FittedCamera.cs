using System.Globalization;

namespace AePaint.Trainer.Degradations;

/// <summary>
/// A camera fitted from its noisy photos (<see cref="CameraFit"/>), stored in the recipe as
/// `degradation.noise.fittedCamera`: the <see cref="CameraNoise"/> parameters (Poisson–Gaussian a, b in linear light,
/// chroma smoothing σ, sharpening), the JPEG quality read from the files (null: saved losslessly), and the σ the
/// fine-tuned model is told (chosen on held-out synthesized shots; null until then).
/// </summary>
public sealed record FittedCamera
{
    public double Shot { get; init; }

    public double Read { get; init; }

    public double ChromaBlur { get; init; }

    public double Sharpen { get; init; }

    public int? JpegQuality { get; init; }

    /// <summary>Noisy photos the fit read, and the folders they came from (full paths).</summary>
    public int Photos { get; init; }

    public List<string> ShotFolders { get; init; } = [];

    /// <summary>How far the synthesized shots' statistics stayed from the real ones' (<see cref="CameraStatistics.Distance"/>).</summary>
    public double FitDistance { get; init; }

    /// <summary>The constant σ map the model trains with and its card declares (σ range [σ, σ]).</summary>
    public float? Sigma { get; init; }

    /// <summary>The base on the held-out synthesized shots: with its auto σ (the default), and told <see cref="Sigma"/>.</summary>
    public double? BaseAutoPsnr { get; init; }

    public double? BaseSigmaPsnr { get; init; }

    public CameraNoise Noise() => new(Shot, Shot, Read, Read, ChromaBlur, Sharpen, Sharpen, ChromaBlur);

    /// <summary>The camera's chain: its noise, then its JPEG (when it saves JPEGs).</summary>
    public DegradationPipeline Pipeline() => JpegQuality is { } q
        ? CameraJpeg.For(Noise(), new JpegCompression(q, q))
        : new DegradationPipeline(new DegradationStage(Noise()));

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"a={Shot:G3} b={Read:G3} chroma σ={ChromaBlur:0.##} sharpen={Sharpen:0.##} {(JpegQuality is { } q ? $"JPEG q{q}" : "lossless")}");
}
