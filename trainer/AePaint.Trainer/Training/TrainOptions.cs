using AePaint.Trainer.Training.Recipe;

namespace AePaint.Trainer.Training;

/// <summary>
/// The recipe: everything a run depends on, nested by concept (network, data, degradation, optimiser, schedule,
/// fineTune, noisyOnly, run). Read from a JSON file (<see cref="RecipeJson"/>: unknown keys, keys of the old flat
/// format and wrong types are refused there), then overridden by flags; <see cref="Problems"/> checks the values.
/// The effective recipe is written into the run folder, so a run can be repeated exactly.
/// </summary>
internal sealed record TrainOptions
{
    /// <summary>"denoise" or "sr" (set by the command: `aepaint-train denoise|sr`).</summary>
    public string Task { get; init; } = "denoise";

    /// <summary>The model's name: its card's name and the .onnx file name.</summary>
    public string Name { get; init; } = "my-model";

    public NetworkSection Network { get; init; } = new();

    public DataSection Data { get; init; } = new();

    public DegradationSection Degradation { get; init; } = new();

    public OptimiserSection Optimiser { get; init; } = new();

    public ScheduleSection Schedule { get; init; } = new();

    public FineTuneSection FineTune { get; init; } = new();

    public NoisyOnlySection NoisyOnly { get; init; } = new();

    public RunSection Run { get; init; } = new();

    /// <summary>A recipe file: strict, the current format only.</summary>
    public static TrainOptions Load(string path) => RecipeJson.Load(path);

    /// <summary>A recipe stored by a run (checkpoint, card): either format, since older runs wrote the flat one.</summary>
    public static TrainOptions FromStored(string json, string source) => RecipeJson.Parse(json, source, acceptFlat: true);

    public string ToJson() => RecipeJson.Write(this);

    /// <summary>The key paths a recipe file sets (so defaults for a fine-tune fill only the rest).</summary>
    public static HashSet<string> KeysIn(string path) => RecipeJson.KeysIn(path);

    /// <summary>Every problem with the values, one line each, each naming its key path and what is allowed.</summary>
    public IReadOnlyList<string> Problems()
    {
        var p = new RecipeProblems();
        p.OneOf("task", Task, "denoise", "sr");
        p.Check(!string.IsNullOrWhiteSpace(Name) && Name.IndexOfAny(System.IO.Path.GetInvalidFileNameChars()) < 0, "name", $"'{Name}' is not allowed; allowed: a plain file name");
        Network.Check(p.In("network"), Task);
        Data.Check(p.In("data"));
        p.Check(Data.Folders.Count > 0, "data.folders", "empty; give at least one photo folder");
        Degradation.Check(p.In("degradation"));
        Optimiser.Check(p.In("optimiser"));
        Schedule.Check(p.In("schedule"), Optimiser.LearningRate);
        FineTune.Check(p.In("fineTune"));
        NoisyOnly.Check(p.In("noisyOnly"));
        Run.Check(p.In("run"));
        CheckCombinations(p);
        return p.Lines;
    }

    /// <summary>Refuses the recipe with every problem, one line each naming <paramref name="source"/> and the key path.</summary>
    public void ThrowIfInvalid(string source)
    {
        var problems = Problems();
        if (problems.Count > 0)
        {
            throw new TrainerException(string.Join(Environment.NewLine, problems.Select(p => $"{source}: {p}")));
        }
    }

    private void CheckCombinations(RecipeProblems p)
    {
        var d = Degradation;
        bool denoise = Task == "denoise";
        p.Check((d.JpegFraction == 0 && d.CleanJpegFraction == 0) || (denoise && !NoisyOnly.Enabled && !d.Noise.Calibrate), "degradation.jpegFraction",
            "jpegFraction and cleanJpegFraction shape synthetic noise for a denoiser with clean targets: not with sr, noisyOnly or degradation.noise.calibrate");
        p.Check(d.CleanJpegSigmaMax == 0 || d.CleanJpegFraction > 0, "degradation.cleanJpegSigmaMax",
            "the σ told clean-JPEG patches: needs degradation.cleanJpegFraction above 0");
        p.Check(d.SrInput == "bicubic" || !denoise, "degradation.srInput", "'real' is for sr models");
        p.Check(FineTune.From is null || Network.InitFrom is null, "fineTune.from", "give fineTune.from or network.initFrom, not both (from = fine-tune with the hold-out guard)");
        p.Check(!d.Noise.Calibrate || (denoise && !NoisyOnly.Enabled && d.Noise.RealFraction == 0), "degradation.noise.calibrate",
            "trains a denoiser on clean low-ISO shots with the fitted noise: not with sr, noisyOnly or degradation.noise.realFraction");
        p.Check(d.Noise.CleanPhotos is null || FineTune.From is not null, "degradation.noise.cleanPhotos",
            "fitting a camera from its noisy photos needs the model to fine-tune (--from): it cleans the photos for the fit and is the default the result must beat");
        var n = NoisyOnly;
        if (n.Enabled)
        {
            // The net sees 2×-subsampled patches, which must still be a multiple of the U-Net's 8.
            p.Check(denoise, "noisyOnly.enabled", "noisyOnly trains denoisers only");
            p.Check(Data.PatchSize % (16 * n.N2nStride) == 0 && Data.ValidationCrop % (16 * n.N2nStride) == 0, "data.patchSize",
                $"noisyOnly: data.patchSize {Data.PatchSize} and data.validationCrop {Data.ValidationCrop} must be multiples of {16 * n.N2nStride}");

            // Downscaling averages real noise away and correlates it; synthetic noise is added after the downscale.
            p.Check(n.SyntheticNoise is not null || Data.PreDownscale == 1, "data.preDownscale",
                $"noisyOnly on real noisy photos needs preDownscale 1 (got {Data.PreDownscale}): downscaling removes and correlates the noise");

            // Real noise would shrink at the other scales; synthetic noise is keyed by file and pixel, so every scale would repeat it.
            p.Check(Data.ExtraDownscales.Count == 0, "data.extraDownscales", "extra scales are for clean-target training; set [] with noisyOnly");
            p.Check(d.Noise.RealFraction == 0 && d.ClipFraction == 0, "degradation.clipFraction",
                "degradation.noise.realFraction and degradation.clipFraction shape synthetic noise for clean targets; set them to 0 with noisyOnly");
            p.Check(n.SyntheticNoise is null || n.CleanReference is null, "noisyOnly.cleanReference", "syntheticNoise already scores against the clean photos; drop cleanReference");
        }
        else
        {
            p.Check(n.SyntheticNoise is null && n.CleanReference is null, "noisyOnly.syntheticNoise", "syntheticNoise and cleanReference need noisyOnly.enabled");
        }
    }
}
