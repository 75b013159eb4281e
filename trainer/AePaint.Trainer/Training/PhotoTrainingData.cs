using AePaint.Imaging;
using AePaint.Trainer.Data;
using AePaint.Trainer.Degradations;

namespace AePaint.Trainer.Training;

/// <summary>
/// Training pairs cut from photo folders. Denoise: clean patch → AWGN (or, for a share of patches, Poisson–Gaussian
/// camera noise) → input = noisy RGB + a plane of σ/255, target = clean. SR: HR patch → MATLAB bicubic ÷s (8-bit) →
/// input = LR, target = HR. Each step's batch comes from a generator seeded by (seed, step) alone, so a resumed
/// run sees exactly the batches an uninterrupted one would. Noisy-only: the patch as it is (or with its fixed synthetic
/// noise) + a plane of the photo's estimated σ, and no target at all; validation keeps a clean target only where one
/// is known (the originals of synthetic copies, or <see cref="Recipe.NoisyOnlySection.CleanReference"/>), for reporting.
/// </summary>
internal sealed class PhotoTrainingData : ITrainingData
{
    /// <summary>σ of the fixed validation noise, so validation PSNR is comparable across runs.</summary>
    public const float ValidationSigma = 25f;

    private readonly TrainOptions _o;
    private readonly PhotoDataset[] _sets;
    private readonly double[] _weights;
    private readonly IDegradation _awgn;
    private readonly IDegradation? _camera;
    private readonly IDegradation? _calibrated;
    private readonly DegradationPipeline? _fitted;
    private readonly IDegradation? _down;
    private readonly DegradationPipeline? _realLow;
    private readonly NoisyPhotos? _noisy;
    private readonly TextWriter _log;

    private PhotoTrainingData(TrainOptions o, PhotoDataset[] sets, NoisyPhotos? noisy, TextWriter log)
    {
        _o = o;
        _sets = sets;
        _noisy = noisy;
        _log = log;
        double total = sets.Sum(s => s.TotalTrainMegapixels);
        _weights = sets.Select(s => s.TotalTrainMegapixels / total).ToArray();
        _awgn = new AwgnNoise(o.Degradation.Noise.SigmaMin, o.Degradation.Noise.SigmaMax);
        _calibrated = o.Degradation.Noise.Calibration is { } cal ? new CalibratedNoise(cal.Noise.Select(n => ($"ISO {n.Iso}", n.Model))) : null;
        _fitted = o.Degradation.Noise.FittedCamera?.Pipeline();
        _camera = o.Degradation.Noise.RealFraction <= 0 ? null
            : o.Degradation.Noise.RealModel == "camera" ? CameraNoise.Default : new PoissonGaussianNoise(1e-4, 1e-2, 1e-6, 1e-3);
        _down = o.Task == "sr" && o.Degradation.SrInput == "bicubic" ? new BicubicDownscale(o.Network.Scale) : null;
        _realLow = o.Task == "sr" && o.Degradation.SrInput == "real" ? RealLowResolution.For(o.Network.Scale) : null;
        Validation = BuildValidation();
        var first = sets.SelectMany(s => s.Validation).FirstOrDefault();
        Sample = first is null ? null : PixelConversion.ToBgra8(new PlanarImage(3, first.Size, first.Size, first.Rgb));
    }

    public IReadOnlyList<Batch> Validation { get; }

    /// <summary>A real photo crop for the export's parity check.</summary>
    public Bgra8Image? Sample { get; }

    /// <summary>Photos used: training plus held out (validation), over all folders.</summary>
    public int PhotoCount => _sets.Sum(s => s.TrainFiles.Count + s.ValidationFiles.Count);

    /// <summary>Held-out photos that gave a validation crop.</summary>
    public int HoldoutCount => _sets.Sum(s => s.Validation.Count);

    public static PhotoTrainingData Open(TrainOptions o, TextWriter log)
    {
        int scale = o.Task == "sr" ? o.Network.Scale : 1;
        var noisy = o.NoisyOnly.Enabled ? new NoisyPhotos(o.NoisyOnly.SyntheticNoise, o.Run.Seed, o.Degradation.Noise.MapSpec()) : null;
        var sets = new List<PhotoDataset>();
        foreach (var folder in o.Data.Folders)
        {
            var ds = new PhotoDataset(folder, new PhotoDatasetOptions
            {
                PatchSize = o.Data.PatchSize * scale,
                ValidationCropSize = o.Data.ValidationCrop / scale * scale,
                Downscale = o.Data.PreDownscale,
                ExtraDownscales = o.Data.ExtraDownscales,
                ValidationFraction = o.Data.ValidationFraction,
                Seed = (int)o.Run.Seed,
                Exclude = o.Data.Exclude,
                Log = log.WriteLine,
                PhotoSigma = noisy is null ? null : noisy.Sigma,
            });
            sets.Add(ds);
        }

        var sigmas = sets.SelectMany(d => d.Validation).Select(v => v.Sigma).Order().ToList();
        if (noisy != null && sigmas.Count > 0)
        {
            log.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"σ map = each photo's estimated noise level (as the plugin's auto); held-out photos: median {sigmas[sigmas.Count / 2]:F1}, range {sigmas[0]:F1}–{sigmas[^1]:F1}"));
        }

        return new PhotoTrainingData(o, [.. sets], noisy, log);
    }

    /// <summary>
    /// Every photo by role (train, validation, excluded, skipped with its reason), one per line under a heading:
    /// the training-data list a shipped model's provenance needs; written to the run folder as data.txt.
    /// </summary>
    public string FileList()
    {
        var sb = new System.Text.StringBuilder();
        var here = Directory.GetCurrentDirectory();
        void Section(string title, IEnumerable<string> lines)
        {
            // Relative to where the trainer ran (as the recipe's data folders are), so the list reads on any machine.
            var list = lines.Select(l => Path.GetRelativePath(here, l)).Order(StringComparer.Ordinal).ToList();
            sb.Append("# ").Append(title).Append(" (").Append(list.Count).AppendLine(")");
            list.ForEach(l => sb.AppendLine(l));
        }

        Section("train", _sets.SelectMany(d => d.TrainFiles));
        Section("validation", _sets.SelectMany(d => d.ValidationFiles));
        Section("excluded", _sets.SelectMany(d => d.ExcludedFiles));
        Section("skipped", _sets.SelectMany(d => d.Skipped.Select(k => k.Path)));
        return sb.ToString();
    }

    public Batch TrainBatch(long step)
    {
        var rng = SeededRandom.For(_o.Run.Seed, step);
        foreach (var s in _sets)
        {
            s.PatchesDrawn = step * _o.Data.BatchSize; // the rotating cache's window follows the step, not the history
        }

        int s0 = _o.Task == "sr" ? _o.Network.Scale : 1;
        int hr = _o.Data.PatchSize * s0;
        var clean = new float[3 * hr * hr];
        var pairs = new List<(float[] Input, float[] Target)>(_o.Data.BatchSize);
        for (int n = 0; n < _o.Data.BatchSize; n++)
        {
            var origin = Pick(rng).SamplePatch(rng, hr, clean);
            if (_noisy != null)
            {
                _noisy.AddTo(clean, origin, hr);
                pairs.Add((WithSigma(clean, origin.Sigma), [])); // no target: the loss never sees a clean pixel
                continue;
            }

            pairs.Add(MakePair(new PlanarImage(3, hr, hr, (float[])clean.Clone()), rng, validation: false));
        }

        return Stack(pairs, _o.Data.PatchSize, s0);
    }

    private PhotoDataset Pick(Random rng)
    {
        double u = rng.NextDouble();
        for (int i = 0; i < _sets.Length - 1; i++)
        {
            u -= _weights[i];
            if (u < 0)
            {
                return _sets[i];
            }
        }

        return _sets[^1];
    }

    private (float[] Input, float[] Target) MakePair(PlanarImage clean, Random rng, bool validation)
    {
        if (_down != null)
        {
            var lr = _down.Apply(clean.Clone(), rng).Image;
            return (lr.Data, clean.Data);
        }

        if (_realLow != null)
        {
            return (RealLowResolution.Apply(_realLow, clean, rng).Image.Data, clean.Data);
        }

        int plane = clean.PlaneSize;
        if (!validation && _o.Degradation.CleanJpegFraction > 0 && rng.NextDouble() < _o.Degradation.CleanJpegFraction)
        {
            // A clean camera JPEG must come out as it is: input = target = the JPEG'd patch, told σ 0 or, with
            // cleanJpegSigmaMax, a σ drawn in [0, max] (drawn only then, so runs without it replay exactly).
            var jpeg = CameraJpeg.Saved(clean.Clone(), rng);
            var same = new float[4 * plane];
            jpeg.Data.CopyTo(same, 0);
            double told = _o.Degradation.CleanJpegSigmaMax > 0 ? rng.NextDouble() * _o.Degradation.CleanJpegSigmaMax : 0;
            same.AsSpan(3 * plane).Fill((float)(told / 255));
            return (same, jpeg.Data);
        }

        if (_fitted != null)
        {
            // A fitted camera: its noise and JPEG, 8-bit, and the one σ chosen for it (0 until chosen: FineTuneCamera.PickSigma).
            var shot = CameraJpeg.Apply(_fitted, clean.Clone(), rng).Image;
            var camera = new float[4 * plane];
            shot.Data.CopyTo(camera, 0);
            camera.AsSpan(3 * plane).Fill((_o.Degradation.Noise.FittedCamera!.Sigma ?? 0) / 255f);
            return (camera, clean.Data);
        }

        // Calibrated runs train and validate on the user's fitted camera noise only (validation: fixed seed per crop).
        var step = _calibrated ?? (validation ? new AwgnNoise(ValidationSigma, ValidationSigma) : (_camera != null && rng.NextDouble() < _o.Degradation.Noise.RealFraction ? _camera : _awgn));
        var result = step.Apply(clean.Clone(), rng);
        if (!validation && _o.Degradation.ClipFraction > 0 && rng.NextDouble() < _o.Degradation.ClipFraction)
        {
            // As an 8-bit file holds it (the random draw only happens when clipping is on: old runs replay exactly).
            var d = result.Image.Data;
            for (int i = 0; i < d.Length; i++)
            {
                d[i] = PixelConversion.ToByte(d[i]) / 255f;
            }
        }

        var noisy = !validation && _o.Degradation.JpegFraction > 0 && rng.NextDouble() < _o.Degradation.JpegFraction ? CameraJpeg.Saved(result.Image, rng) : result.Image;
        var input = new float[4 * plane];
        noisy.Data.CopyTo(input, 0);
        float sigma = validation && _calibrated is null ? ValidationSigma : (float)Math.Clamp(result.Report.Sigma255, _o.Degradation.Noise.SigmaMin, 255);
        input.AsSpan(3 * plane).Fill(sigma / 255f);
        return (input, clean.Data);
    }

    private static float[] WithSigma(ReadOnlySpan<float> rgb, float sigma)
    {
        var input = new float[rgb.Length / 3 * 4];
        rgb.CopyTo(input);
        input.AsSpan(rgb.Length).Fill(sigma / 255f);
        return input;
    }

    private List<Batch> BuildValidation()
    {
        var rng = new Random(12345);
        var batches = new List<Batch>();
        int s = _o.Task == "sr" ? _o.Network.Scale : 1;
        var references = _noisy != null && _o.NoisyOnly.CleanReference != null ? new CleanReferences(_o.NoisyOnly.CleanReference, _log) : null;
        foreach (var crop in _sets.SelectMany(d => d.Validation))
        {
            if (_noisy != null)
            {
                var noisy = (float[])crop.Rgb.Clone();
                _noisy.AddTo(noisy, new PatchOrigin(crop.Path, crop.X, crop.Y, 0), crop.Size);
                float[] target = _noisy.Synthetic ? crop.Rgb : references?.Crop(crop) ?? [];
                batches.Add(Stack([(WithSigma(noisy, crop.Sigma), target)], crop.Size, 1));
                continue;
            }

            var pair = MakePair(new PlanarImage(3, crop.Size, crop.Size, (float[])crop.Rgb.Clone()), rng, validation: true);
            batches.Add(Stack([pair], crop.Size / s, s));
        }

        return batches;
    }

    private Batch Stack(List<(float[] Input, float[] Target)> pairs, int inputSize, int scale)
    {
        int cin = _o.Task == "sr" ? 3 : 4;
        var input = pairs.SelectMany(p => p.Input).ToArray();
        var target = pairs.SelectMany(p => p.Target).ToArray();
        return new Batch(input, target, pairs.Count, cin, inputSize, inputSize, scale);
    }
}
