using System.Globalization;
using AePaint.ImageFiles;
using AePaint.Imaging;
using AePaint.Imaging.Noise;
using AePaint.Trainer.Data;

namespace AePaint.Trainer.Training;

/// <summary>
/// --calibrate: reads every photo's EXIF camera and ISO, fits <see cref="PoissonGaussianFit"/> per ISO from the
/// photos' flat regions (a central crop of at most <see cref="MaxCrop"/>² pixels per photo, at full resolution —
/// downscaling would average the noise away), and chooses the clean targets: the shots at the lowest ISO and up to
/// twice it. Training then adds the higher ISOs' fitted noise to those clean shots. Photos without an ISO are left
/// out of both roles (reported).
/// </summary>
internal static class NoiseCalibration
{
    public const int MaxCrop = 1024;

    /// <summary>Clean shots: ISO up to this multiple of the lowest ISO present (one stop).</summary>
    public const int CleanIsoFactor = 2;

    /// <summary>Options for the calibrated run: <see cref="Recipe.NoiseSection.Calibration"/> filled, every other photo excluded.</summary>
    public static TrainOptions Apply(TrainOptions o, TextWriter log)
    {
        var photos = new List<string>();
        foreach (var folder in o.Data.Folders)
        {
            if (!Directory.Exists(folder))
            {
                throw new TrainerException($"{folder}: photo folder not found");
            }

            photos.AddRange(PhotoFolderScan.ApplyExclusions(PhotoFolderScan.FindPhotos(folder), o.Data.Exclude, null).Kept);
        }

        // An options file that already holds a calibration (a run's options.json) repeats it without reading EXIF again.
        var calibration = o.Degradation.Noise.Calibration ?? Fit([.. photos.Select(f => (f, CameraInfo.Read(f)))], log);
        var clean = calibration.CleanPhotos.Select(Path.GetFullPath).ToHashSet(StringComparer.Ordinal);
        var others = photos.Select(Path.GetFullPath).Where(p => !clean.Contains(p));
        return o with
        {
            Data = o.Data with { Exclude = [.. o.Data.Exclude, .. others] },
            Degradation = o.Degradation with { Noise = o.Degradation.Noise with { Calibration = calibration } },
        };
    }

    public static CalibrationInfo Fit(IReadOnlyList<(string Path, CameraInfo Info)> photos, TextWriter log)
    {
        var tagged = photos.Where(p => p.Info.Iso is not null).ToList();
        int untagged = photos.Count - tagged.Count;
        var isos = tagged.Select(p => p.Info.Iso!.Value).Distinct().Order().ToList();
        if (isos.Count < 2)
        {
            throw new TrainerException($"--calibrate needs photos at two or more EXIF ISO settings (low-ISO shots become clean targets, higher ISOs give the noise); of {photos.Count} photos {tagged.Count} have an ISO{(isos.Count == 1 ? $", all ISO {isos[0]}" : string.Empty)}");
        }

        int cleanMax = isos[0] * CleanIsoFactor;
        var cameras = tagged.Select(p => p.Info.Camera ?? "unknown").Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        log.WriteLine($"calibrate: {photos.Count} photos, {tagged.Count} with EXIF ISO ({untagged} without: not used); camera{(cameras.Count == 1 ? string.Empty : "s")} {string.Join(", ", cameras)}; clean targets: ISO ≤ {cleanMax}");
        var noise = new List<IsoNoise>();
        foreach (int iso in isos)
        {
            var group = tagged.Where(p => p.Info.Iso == iso).Select(p => p.Path).ToList();
            var model = FitPhotos(group);
            string role = iso <= cleanMax ? "clean targets" : model is null ? "no flat regions: not used" : "noise";
            log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  ISO {iso,6}: {group.Count,3} photo(s), {(model is null ? "no fit" : model.ToString())} → {role}"));
            if (iso > cleanMax && model is not null)
            {
                noise.Add(new IsoNoise(iso, group.Count, model.Shot, model.Read));
            }
        }

        if (noise.Count > 0 && noise.Max(n => n.Model.MidGreySigma255()) < 1)
        {
            log.WriteLine("warning: the fitted noise is below σ 1 at mid-grey at every ISO: these photos are already clean (processed or heavily compressed); a model trained on it will change little");
        }

        if (noise.Count == 0)
        {
            throw new TrainerException($"--calibrate: no ISO above {cleanMax} gave a noise fit (need photos above the clean shots' ISO with some flat areas)");
        }

        return new CalibrationInfo
        {
            Camera = cameras.Count == 1 && cameras[0] != "unknown" ? cameras[0] : null,
            CleanIsoMax = cleanMax,
            Noise = noise,
            CleanPhotos = [.. tagged.Where(p => p.Info.Iso <= cleanMax).Select(p => Path.GetFullPath(p.Path)).Order(StringComparer.Ordinal)],
        };
    }

    /// <summary>The fit over the central crops of these photos (unreadable files are skipped; null if nothing fits).</summary>
    public static PoissonGaussianModel? FitPhotos(IEnumerable<string> paths) =>
        PoissonGaussianFit.Fit([.. Degradations.CameraFit.Crops(paths, MaxCrop).SelectMany(PoissonGaussianFit.Blocks)]);
}
