using System.Diagnostics;
using AePaint.Imaging;
using AePaint.Imaging.Tiling;
using AePaint.Inference.Cards;

namespace AePaint.Inference;

/// <summary>
/// Runs a model over an image of any size in tiles, streaming: it holds the input, the output, one window
/// and an accumulator one tile-row high. Tiles overlap by the model's receptive field and are cross-faded
/// with raised-cosine weights, so the result matches one whole-image run. The caller's image is never
/// written; on cancel or error no output is returned. One run is one attempt at one tile size: retrying smaller or on
/// the CPU after a failure is <see cref="Fallback.FallbackRun"/>'s job.
/// </summary>
public static class TiledRunner
{
    /// <summary>Largest output AePaint holds in one buffer (a .NET array of BGRA bytes).</summary>
    public const long MaxOutputPixels = int.MaxValue / 4;

    /// <summary>
    /// The windows a run of <paramref name="model"/> over a <paramref name="width"/>×<paramref name="height"/> image
    /// with <paramref name="settings"/> reads (before a fixed-size model widens them): for benchmarks and hosts that
    /// show the plan.
    /// </summary>
    public static (AxisPlan X, AxisPlan Y) Plan(ITileModel model, int width, int height, RunSettings settings) =>
        TileJob.Plan(model, width, height, settings, settings.TileSize ?? RunSettings.DefaultTileSize);

    public static (Bgra8Image Image, RunReport Report) Run(
        ITileModel model,
        Bgra8Image input,
        RunSettings settings,
        Action<TileProgress>? progress = null,
        CancellationToken cancel = default)
    {
        bool linear = model.Card.ColorSpace == "linear";
        return Execute(model, input, settings, progress, cancel, job =>
        {
            var output = new Bgra8Image(job.OutputWidth, job.OutputHeight);
            return (output, new Bgra8Sink(input, output, model.Card.Scale, linear, settings.Mix));
        });
    }

    /// <summary>
    /// The same run, but the blended model output is returned as unrounded floats in [0, 1] model space
    /// (no strength mix, no alpha): for tests of tiling exactness and for evaluation.
    /// </summary>
    public static (PlanarImage Image, RunReport Report) RunToPlanar(
        ITileModel model,
        Bgra8Image input,
        RunSettings settings,
        Action<TileProgress>? progress = null,
        CancellationToken cancel = default)
    {
        return Execute(model, input, settings, progress, cancel, job => PlanarOutput(model, job));
    }

    /// <summary>
    /// <see cref="RunToPlanar(ITileModel, Bgra8Image, RunSettings, Action{TileProgress}, CancellationToken)"/> on a
    /// float colour image (opaque, values as given — e.g. unclipped noisy input, as the published denoising
    /// protocols feed their models). An automatic σ is estimated from its 8-bit rendering.
    /// </summary>
    public static (PlanarImage Image, RunReport Report) RunToPlanar(
        ITileModel model,
        PlanarImage input,
        RunSettings settings,
        Action<TileProgress>? progress = null,
        CancellationToken cancel = default)
    {
        if (input.Channels != model.Card.InputChannels)
        {
            throw new ArgumentException($"Model '{model.Card.Name}' takes {model.Card.InputChannels} channels; the image has {input.Channels}.", nameof(input));
        }

        return Execute(model, PixelConversion.ToBgra8(input), settings, progress, cancel, job => PlanarOutput(model, job), input);
    }

    private static (PlanarImage Output, IRowSink Sink) PlanarOutput(ITileModel model, TileJob job)
    {
        var output = new PlanarImage(model.Card.OutputChannels, job.OutputWidth, job.OutputHeight);
        return (output, new PlanarSink(output));
    }

    /// <summary>
    /// The same run, computed on demand for a host that draws the output in parts from several threads (Paint.NET's
    /// render tiles): <see cref="TileWindows.Render"/> runs only the windows a part needs, each once, and every part
    /// equals the same pixels of <see cref="Run"/>'s output. <paramref name="needed"/> is the output region the host
    /// will draw (output pixels): a window's output is dropped once all of it inside that region has been drawn.
    /// </summary>
    public static TileWindows Windows(
        ITileModel model,
        Bgra8Image input,
        RunSettings settings,
        (int X, int Y, int Width, int Height) needed,
        Action<TileProgress>? progress = null)
    {
        var (job, report) = Start(model, input, settings, null);
        return new TileWindows(job, input, model.Card.ColorSpace == "linear", settings.Mix, report, needed, progress);
    }

    private static (T Image, RunReport Report) Execute<T>(
        ITileModel model,
        Bgra8Image input,
        RunSettings settings,
        Action<TileProgress>? progress,
        CancellationToken cancel,
        Func<TileJob, (T Output, IRowSink Sink)> makeOutput,
        PlanarImage? floatColour = null)
    {
        var clock = Stopwatch.StartNew();
        var (job, report) = Start(model, input, settings, floatColour);
        var (output, sink) = makeOutput(job);
        job.Execute(sink, progress, cancel);
        return (output, report with { Elapsed = clock.Elapsed });
    }

    // The plan and σ of one run (the report's Elapsed is left to the caller).
    private static (TileJob Job, RunReport Report) Start(ITileModel model, Bgra8Image input, RunSettings settings, PlanarImage? floatColour)
    {
        var card = model.Card;
        CheckInput(card, input, settings);
        if (settings.Passes != 1)
        {
            model = new SelfEnsemble(model, settings.Passes); // refuses counts other than 2, 4, 8
        }

        float? sigma = null;
        bool estimated = false;
        NoiseReading? reading = null;
        if (SigmaRange.Of(card) is { } range)
        {
            estimated = settings.Sigma is null;
            reading = estimated ? NoiseLevel.Read(input) : null;
            sigma = settings.Sigma ?? range.Limit(reading!.Sigma); // the report keeps the reading: hosts tell a limited estimate
        }

        int tile = settings.TileSize ?? RunSettings.DefaultTileSize;
        var job = new TileJob(model, input, settings, tile, sigma, floatColour);
        return (job, new RunReport(tile, job.TileCount, 0, sigma, estimated, TimeSpan.Zero, settings.Passes, reading, job.Lanes, job.WindowPixels));
    }

    private static void CheckInput(ModelCard card, Bgra8Image input, RunSettings settings)
    {
        if (input.Width < 1 || input.Height < 1)
        {
            throw new ArgumentException($"The image is empty ({input.Width}×{input.Height}); nothing to process.", nameof(input));
        }

        if (card.InputChannels == 1 && !input.IsGray())
        {
            throw new ArgumentException($"Model '{card.Name}' takes 1-channel (gray) images, but this image has colour. Use an RGB model.", nameof(input));
        }

        if ((long)input.Width * card.Scale * input.Height * card.Scale > MaxOutputPixels)
        {
            throw new ArgumentException($"A ×{card.Scale} result of this {input.Width}×{input.Height} image would have {(long)input.Width * input.Height * card.Scale * card.Scale / 1e6:F0} MP, more than the {MaxOutputPixels / 1e6:F0} MP AePaint can hold.", nameof(input));
        }

        settings.Mix.Validate();
        if (settings.Sigma is < 0f or > 255f)
        {
            throw new ArgumentOutOfRangeException(nameof(settings), $"Noise level σ {settings.Sigma} is outside 0..255.");
        }

        // Hosts validate a told σ against the card; reaching here with one outside it is their bug, never clamped.
        if (settings.Sigma is { } told && SigmaRange.Of(card) is { } range && !range.Contains(told))
        {
            throw new ArgumentOutOfRangeException(nameof(settings), string.Create(System.Globalization.CultureInfo.InvariantCulture, $"Noise level σ {told}: {range.Refusal(card.Name)}."));
        }

        if (settings.TileSize is < 8 or > 8192)
        {
            throw new ArgumentOutOfRangeException(nameof(settings), $"Tile size {settings.TileSize} is outside 8..8192.");
        }
    }
}
