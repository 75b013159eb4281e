using System.Text.Json;
using System.Text.Json.Serialization;

namespace AePaint.Trainer.Training;

/// <summary>
/// Everything a run depends on. Read from an options file (JSON), then overridden by flags; the effective options
/// are written into the run folder, so a run can be repeated exactly. Unknown keys and out-of-range values are errors.
/// </summary>
internal sealed record TrainOptions
{
    public string Task { get; init; } = "denoise";

    public int Scale { get; init; } = 1;

    public string Preset { get; init; } = "tiny";

    public string Name { get; init; } = "my-model";

    public List<string> Data { get; init; } = [];

    public List<string> Exclude { get; init; } = [];

    public double ValidationFraction { get; init; } = 0.1;

    /// <summary>Photos are reduced by this factor before patches are cut (hides JPEG and sensor noise in "clean" photos).</summary>
    public double PreDownscale { get; init; } = 2;

    public int PatchSize { get; init; } = 64;

    public int BatchSize { get; init; } = 8;

    public long Steps { get; init; } = 10_000;

    /// <summary>Wall-clock budget; the run stops (checkpoint + export) at whichever of steps and minutes comes first.</summary>
    public double? Minutes { get; init; }

    public double LearningRate { get; init; } = 2e-4;

    public double MinLearningRate { get; init; } = 1e-6;

    public long WarmupSteps { get; init; } = 200;

    public double WeightDecay { get; init; } = 1e-4;

    /// <summary>"charbonnier", "l1" or "l2" (the PSNR loss, for a last fine-tune stage after an L1/Charbonnier run).</summary>
    public string Loss { get; init; } = "charbonnier";

    /// <summary>
    /// Decay of an exponential moving average of the weights (0 = off; e.g. 0.999 ≈ the last 1000 steps). When on,
    /// validation, best.ckpt and the export use the averaged weights: they are smoother than the last step's.
    /// </summary>
    public double Ema { get; init; }

    public double GradClip { get; init; } = 1.0;

    public float SigmaMin { get; init; }

    public float SigmaMax { get; init; } = 55;

    /// <summary>Share of denoise patches given camera-like noise (<see cref="RealNoiseModel"/>) instead of AWGN.</summary>
    public double RealNoiseFraction { get; init; }

    /// <summary>
    /// "poisson-gaussian": per-pixel, per-channel sensor noise. "camera": the same noise through a Bayer mosaic,
    /// bilinear demosaicing, chroma smoothing and sharpening (spatially correlated like SIDD's phone photos: neighbour
    /// correlation ≈ 0.45, ≈ 0 beyond two pixels). Either way the σ map is the patch's RMS noise.
    /// </summary>
    public string RealNoiseModel { get; init; } = "poisson-gaussian";

    /// <summary>
    /// SR inputs: "bicubic" = the clean MATLAB-bicubic reduction the SR benchmarks use; "real" = blur, bicubic,
    /// noise, JPEG and 8-bit rounding (<see cref="Degradations.RealLowResolution"/>), for real small photos.
    /// </summary>
    public string SrDegradation { get; init; } = "bicubic";

    /// <summary>
    /// Share of denoise patches whose noisy input is clipped to [0, 1] and rounded to 8 bits, as every saved photo
    /// is: a net trained only on the protocol's unclipped noise loses ~0.5 dB on 8-bit input (CBSD68 σ25).
    /// </summary>
    public double ClipFraction { get; init; }

    /// <summary>
    /// Share of denoise patches whose noisy input is then saved as a camera does: 8-bit, JPEG at quality 60–95 (4:2:0),
    /// decoded (<see cref="Degradations.CameraJpeg"/>). The σ map stays the added noise's RMS. Issue 17.
    /// </summary>
    public double JpegFraction { get; init; }

    /// <summary>
    /// Share of denoise patches with no noise at all, JPEG'd at quality 60–95: σ map 0 and the target is the JPEG'd
    /// input itself, so a clean photo comes out unchanged rather than smoothed. Issue 17.
    /// </summary>
    public double CleanJpegFraction { get; init; }

    public long ValidateEvery { get; init; } = 500;

    public long CheckpointEvery { get; init; } = 500;

    public int KeepCheckpoints { get; init; } = 3;

    public int ValidationCrop { get; init; } = 128;

    public int Threads { get; init; }

    public long Seed { get; init; } = 1;

    public string Device { get; init; } = "cpu";

    /// <summary>Start from this .onnx-compatible checkpoint's weights (fine-tuning); null = fresh initialisation.</summary>
    public string? InitFrom { get; init; }

    /// <summary>
    /// Fine-tune from this model (name, .onnx or .ckpt) with the hold-out guard: export only if it beats the base on
    /// the held-out photos by at least <see cref="MinGain"/>. The preset follows the base.
    /// </summary>
    public string? From { get; init; }

    /// <summary>Hold-out PSNR gain (dB) a fine-tune needs over its base to be exported.</summary>
    public double MinGain { get; init; } = 0.05;

    /// <summary>Stop after this many validations without a new best hold-out score (0 = never).</summary>
    public int EarlyStopPatience { get; init; }

    /// <summary>Train without clean targets (Neighbor2Neighbor) on the photos as they are: they are the noisy ones.</summary>
    public bool NoisyOnly { get; init; }

    /// <summary>γ of the Neighbor2Neighbor regulariser (the paper's 2), ramped up from 0 over the run as in its code.</summary>
    public double N2nGamma { get; init; } = 2;

    /// <summary>
    /// Pixel-shuffle stride before the Neighbor2Neighbor pairing (1 = none; 2 = each patch is split into its 4
    /// stride-2 sub-images first, as PD / AP-BSN do): pixels one apart in a sub-image are two apart in the photo,
    /// so noise a camera correlated over a pixel (demosaicing, sharpening, JPEG) is nearly independent there.
    /// </summary>
    public int N2nStride { get; init; } = 1;

    /// <summary>
    /// Noisy-only experiment on clean photos: AWGN of this σ is added once to every photo (fixed per photo and seed,
    /// unclipped), so training sees only the noisy copies while validation can still score against the originals.
    /// </summary>
    public float? SyntheticNoise { get; init; }

    /// <summary>Noisy-only: folder of clean originals (same file names) used only to report validation PSNR.</summary>
    public string? CleanReference { get; init; }

    /// <summary>
    /// Fit a Poisson–Gaussian noise model per EXIF ISO from the photos' flat regions and train on the low-ISO shots
    /// with that noise (see <see cref="NoiseCalibration"/>). The fit is stored in <see cref="Calibration"/>.
    /// </summary>
    public bool Calibrate { get; init; }

    /// <summary>
    /// Filled at the start of a calibrated run and written to the run's options.json: that file as an options file
    /// repeats the fit exactly; the same command again (or --resume) refits the same photos, deterministically.
    /// </summary>
    public CalibrationInfo? Calibration { get; init; }

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    public static TrainOptions Load(string path)
    {
        try
        {
            return FromJson(File.ReadAllText(path), path);
        }
        catch (IOException e)
        {
            throw new TrainerException($"{path}: {e.Message}");
        }
    }

    public static TrainOptions FromJson(string json, string source)
    {
        try
        {
            return JsonSerializer.Deserialize<TrainOptions>(json, Json) ?? throw new TrainerException($"{source}: empty options");
        }
        catch (JsonException e)
        {
            throw new TrainerException($"{source}: {e.Message}");
        }
    }

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>The keys an options file sets (so defaults for a fine-tune fill only the rest).</summary>
    public static HashSet<string> KeysIn(string path)
    {
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            return doc.RootElement.ValueKind == JsonValueKind.Object ? doc.RootElement.EnumerateObject().Select(p => p.Name).ToHashSet() : [];
        }
        catch (Exception e) when (e is IOException or JsonException)
        {
            throw new TrainerException($"{path}: {e.Message}");
        }
    }

    /// <summary>Every problem with the values, each naming the option.</summary>
    public IReadOnlyList<string> Problems()
    {
        var p = new List<string>();
        void Check(bool ok, string message)
        {
            if (!ok)
            {
                p.Add(message);
            }
        }

        Check(Task is "denoise" or "sr", $"task '{Task}' must be denoise or sr");
        Check(Task == "denoise" ? Scale == 1 : Scale is >= 2 and <= 4, $"scale {Scale} must be 1 for denoise and 2..4 for sr");
        var presets = Task == "sr" ? Nets.NetPreset.SuperResolution : Nets.NetPreset.Denoise;
        Check(presets.ContainsKey(Preset), $"preset '{Preset}' must be one of {string.Join(", ", presets.Keys)}");
        Check(!string.IsNullOrWhiteSpace(Name) && Name.IndexOfAny(Path.GetInvalidFileNameChars()) < 0, $"name '{Name}' must be a plain file name");
        Check(Data.Count > 0, "data: give at least one photo folder");
        Check(ValidationFraction is > 0 and < 0.5, $"validationFraction {ValidationFraction} must be in (0, 0.5)");
        Check(PreDownscale is >= 1 and <= 8, $"preDownscale {PreDownscale} must be in 1..8");
        Check(PatchSize is >= 16 and <= 512 && PatchSize % 8 == 0, $"patchSize {PatchSize} must be a multiple of 8 in 16..512");
        Check(BatchSize is >= 1 and <= 256, $"batchSize {BatchSize} must be in 1..256");
        Check(Steps >= 1, $"steps {Steps} must be ≥ 1");
        Check(Minutes is null or > 0, $"minutes {Minutes} must be > 0");
        Check(LearningRate is > 0 and <= 1 && MinLearningRate >= 0 && MinLearningRate <= LearningRate, "learningRate must be in (0, 1] and minLearningRate in [0, learningRate]");
        Check(WarmupSteps >= 0 && WeightDecay >= 0 && GradClip >= 0, "warmupSteps, weightDecay and gradClip must not be negative");
        Check(Loss is "charbonnier" or "l1" or "l2", $"loss '{Loss}' must be charbonnier, l1 or l2");
        Check(Ema is >= 0 and < 1, $"ema {Ema} must be in [0, 1) (0 = off)");
        Check(SigmaMin >= 0 && SigmaMax <= 255 && SigmaMin <= SigmaMax, $"sigma range [{SigmaMin}, {SigmaMax}] must lie in 0..255");
        Check(RealNoiseFraction is >= 0 and <= 1, $"realNoiseFraction {RealNoiseFraction} must be in 0..1");
        Check(ClipFraction is >= 0 and <= 1, $"clipFraction {ClipFraction} must be in 0..1");
        Check(JpegFraction is >= 0 and <= 1 && CleanJpegFraction is >= 0 and <= 1, "jpegFraction and cleanJpegFraction must be in 0..1");
        Check((JpegFraction == 0 && CleanJpegFraction == 0) || (Task == "denoise" && !NoisyOnly && !Calibrate), "jpegFraction and cleanJpegFraction shape synthetic noise for a denoiser with clean targets: not with sr, noisyOnly or calibrate");
        Check(RealNoiseModel is "poisson-gaussian" or "camera", $"realNoiseModel '{RealNoiseModel}' must be poisson-gaussian or camera");
        Check(SrDegradation is "bicubic" or "real", $"srDegradation '{SrDegradation}' must be bicubic or real");
        Check(SrDegradation == "bicubic" || Task == "sr", "srDegradation real is for sr models");
        Check(ValidateEvery >= 1 && CheckpointEvery >= 1 && KeepCheckpoints >= 1, "validateEvery, checkpointEvery and keepCheckpoints must be ≥ 1");
        Check(ValidationCrop is >= 16 and <= 1024 && ValidationCrop % 8 == 0, $"validationCrop {ValidationCrop} must be a multiple of 8 in 16..1024");
        Check(Threads >= 0, $"threads {Threads} must be ≥ 0 (0 = all cores)");
        Check(Device is "cpu" or "cuda", $"device '{Device}' must be cpu or cuda");
        Check(From is null || InitFrom is null, "from and initFrom: give one (from = fine-tune with the hold-out guard)");
        Check(MinGain >= 0 && EarlyStopPatience >= 0, "minGain and earlyStopPatience must not be negative");
        Check(!Calibrate || (Task == "denoise" && !NoisyOnly && RealNoiseFraction == 0), "calibrate trains a denoiser on clean low-ISO shots with the fitted noise: not with sr, noisyOnly or realNoiseFraction");
        Check(Calibration is null || Calibration.Noise.Count > 0, "calibration: no fitted ISO noise");
        if (NoisyOnly)
        {
            // The net sees 2×-subsampled patches, which must still be a multiple of the U-Net's 8.
            Check(Task == "denoise", "noisyOnly trains denoisers only");
            Check(N2nStride is 1 or 2, $"n2nStride {N2nStride} must be 1 or 2");
            Check(PatchSize % (16 * N2nStride) == 0 && ValidationCrop % (16 * N2nStride) == 0, $"noisyOnly: patchSize {PatchSize} and validationCrop {ValidationCrop} must be multiples of {16 * N2nStride}");
            Check(N2nGamma is >= 0 and <= 100, $"n2nGamma {N2nGamma} must be in 0..100");
            Check(SyntheticNoise is null or > 0 and <= 255, $"syntheticNoise {SyntheticNoise} must be in (0, 255]");
            // Downscaling averages real noise away and correlates it; synthetic noise is added after the downscale.
            Check(SyntheticNoise is not null || PreDownscale == 1, $"noisyOnly on real noisy photos needs preDownscale 1 (got {PreDownscale}): downscaling removes and correlates the noise");
            Check(RealNoiseFraction == 0 && ClipFraction == 0, "realNoiseFraction and clipFraction shape synthetic noise for clean targets; set them to 0 with noisyOnly");
            Check(SyntheticNoise is null || CleanReference is null, "syntheticNoise already scores against the clean photos; drop cleanReference");
        }
        else
        {
            Check(SyntheticNoise is null && CleanReference is null, "syntheticNoise and cleanReference need noisyOnly");
        }

        return p;
    }
}

/// <summary>A problem the user can fix (bad options, unusable data): one clear line, non-zero exit.</summary>
internal sealed class TrainerException(string message, Exception? inner = null) : Exception(message, inner);
