using System.Diagnostics;
using AePaint.Evaluation.Reports;
using AePaint.Evaluation.Sets;
using AePaint.Imaging;
using AePaint.Imaging.Metrics;
using AePaint.Inference;
using AePaint.Inference.Cards;

namespace AePaint.Evaluation.Protocols;

/// <summary>
/// `aepaint eval sr`: bicubic super-resolution on HR sets (Set5, Set14, …) scored on BT.601 Y with `scale` pixels
/// cropped (<see cref="ProtocolScores"/>): the published bicubic baseline, bicubic and Lanczos3 on the model's own
/// LR input, and the given models.
/// </summary>
public static class SrEvaluation
{
    public const string BicubicPublishedName = "bicubic (published protocol: Y first)";
    public const string BicubicRgbName = "bicubic (RGB uint8, model's LR)";
    public const string LanczosName = "Lanczos3 (RGB uint8, model's LR)";

    /// <param name="lrDir">Given LR images (same names as the HR set, ÷ the one scale) instead of MATLAB-bicubic
    /// reductions: e.g. real or realistically degraded small photos with their full-size originals.</param>
    public static EvalReport Run(EvalSettings s, IReadOnlyList<int> scales, CancellationToken cancel = default, string? lrDir = null)
    {
        foreach (var scale in scales)
        {
            if (scale is < 2 or > 8)
            {
                throw new EvaluationException($"-s {scale}: use scales 2..8");
            }
        }

        if (lrDir != null && scales.Count != 1)
        {
            throw new EvaluationException("--lr: the LR images are for one scale; give one -s");
        }

        var images = EvalImages.LoadSet(s.SetDir, s.Limit);
        var given = lrDir is null ? null : GivenLowResolution(images, lrDir);
        var models = EvalModel.OpenAll(s.Models, s.Device, c => c.Task == ModelTask.SuperResolution ? null : $"a {c.Task} model; `eval sr` needs a super-resolution model");
        try
        {
            var report = EvalCommon.NewReport("sr", s, images.Count);
            Describe(report, images, models, s);

            foreach (var scale in scales)
            {
                var cond = new EvalCondition { Name = given is null ? $"×{scale}" : $"×{scale}, LR {new DirectoryInfo(lrDir!).Name}", Scale = scale };
                report.Conditions.Add(cond);
                var hr = new Bgra8Image[images.Count];
                var hrY = new PlanarImage[images.Count];
                var lr = new Bgra8Image[images.Count];
                EvalCommon.ParallelFor(images.Count, cancel, i =>
                {
                    hr[i] = ProtocolScores.ModCrop(images[i].Pixels, scale);
                    if (hr[i].Width < 2 * scale || hr[i].Height < 2 * scale)
                    {
                        throw new EvaluationException($"{images[i].Path}: {images[i].Pixels.Width}×{images[i].Pixels.Height} is too small for ×{scale}");
                    }

                    hrY[i] = ProtocolScores.Luma(hr[i], images[i].GrayFile);
                    lr[i] = given is null ? ProtocolScores.SrLowResolution(hr[i], scale) : given[i];
                    if (lr[i].Width * scale != hr[i].Width || lr[i].Height * scale != hr[i].Height)
                    {
                        throw new EvaluationException($"{Path.Combine(lrDir!, images[i].Name)}: {lr[i].Width}×{lr[i].Height}, but ×{scale} of it must be the {hr[i].Width}×{hr[i].Height} of {images[i].Path} (cropped to a multiple of {scale})");
                    }
                });

                ImageScore Scored(int i, PlanarImage srY, double seconds)
                {
                    var (p, q) = ProtocolScores.SuperResolution(hrY[i], srY, scale, s.Ssim);
                    return new ImageScore(images[i].Name, p, s.Ssim ? q : null, seconds);
                }

                ImageScore Rgb(int i, Func<Bgra8Image> upscale)
                {
                    var clock = Stopwatch.StartNew();
                    var sr = upscale();
                    double seconds = clock.Elapsed.TotalSeconds;
                    if (sr.Width != hr[i].Width || sr.Height != hr[i].Height)
                    {
                        throw new EvaluationException($"{images[i].Name}: result is {sr.Width}×{sr.Height}, expected {hr[i].Width}×{hr[i].Height}");
                    }

                    return Scored(i, ProtocolScores.Luma(sr, images[i].GrayFile), seconds);
                }

                // Baselines are timed one image at a time too, so their s/image compares with the models'.
                // The published bicubic row starts from the HR's own reduction: meaningless with given LR images.
                if (given is null)
                {
                    EvalCommon.Record(cond.Add(new MethodResult { Name = BicubicPublishedName, Kind = "baseline", Settings = "Y of the HR, MATLAB imresize bicubic 1/s then s on that Y as floats, rounded (SRCNN's evaluation; reproduces the published row)" }), s.Log, cond.Name, () =>
                        EvalCommon.ForEachImage(images.Count, true, cancel, i =>
                        {
                            var clock = Stopwatch.StartNew();
                            var y = ProtocolScores.SrBicubicBaselineLuma(hrY[i], scale);
                            return Scored(i, y, clock.Elapsed.TotalSeconds);
                        }));
                }

                EvalCommon.Record(cond.Add(new MethodResult { Name = BicubicRgbName, Kind = "baseline", Settings = "MATLAB imresize(lr, s, 'bicubic') on the uint8 RGB LR the models get, then Y" }), s.Log, cond.Name, () =>
                    EvalCommon.ForEachImage(images.Count, true, cancel, i => Rgb(i, () => ProtocolScores.SrBicubicUpscale(lr[i], scale))));
                EvalCommon.Record(cond.Add(new MethodResult { Name = LanczosName, Kind = "baseline", Settings = "MATLAB imresize(lr, s, 'lanczos3') on the uint8 RGB LR the models get, then Y" }), s.Log, cond.Name, () =>
                    EvalCommon.ForEachImage(images.Count, true, cancel, i => Rgb(i, () => ProtocolScores.SrLanczosUpscale(lr[i], scale))));

                foreach (var model in models)
                {
                    var m = cond.Add(new MethodResult { Name = model.Label(s), Kind = "model", Settings = model.Describe(s) });
                    if (model.Card.Scale != scale)
                    {
                        m.Status = $"skipped: a ×{model.Card.Scale} model";
                        continue;
                    }

                    var settings = new RunSettings { TileSize = s.Tile, Passes = s.Passes };
                    EvalCommon.Record(m, s.Log, cond.Name, () => EvalCommon.ForEachImage(images.Count, true, cancel, i =>
                        Rgb(i, () => TiledRunner.Run(model.Session, lr[i], settings, cancel: cancel).Image)));
                }
            }

            return report;
        }
        finally
        {
            foreach (var m in models)
            {
                m.Dispose();
            }
        }
    }

    private static Bgra8Image[] GivenLowResolution(IReadOnlyList<EvalImage> images, string lrDir)
    {
        var byName = EvalImages.ListSet(lrDir).ToDictionary(f => Path.GetFileNameWithoutExtension(f), StringComparer.Ordinal);
        return images.Select(img => byName.TryGetValue(img.Name, out var f)
            ? EvalImages.Load(f).Pixels
            : throw new EvaluationException($"{lrDir}: no LR image named {img.Name} (for {img.Path})")).ToArray();
    }

    private static void Describe(EvalReport r, IReadOnlyList<EvalImage> images, IReadOnlyList<EvalModel> models, EvalSettings s)
    {
        r.Protocol.Add("protocol (evaluation.md, bicubic super-resolution): HR modcropped to a multiple of s; LR = MATLAB imresize(HR, 1/s, 'bicubic') (Keys a = −0.5, antialiased); SR rounded to uint8; Y = BT.601 rgb2ycbcr of the uint8 image (16 + (65.481 R + 128.553 G + 24.966 B)/255, rounded); s pixels cropped at every border; PSNR (peak 255)"
            + (s.Ssim ? " and SSIM (11×11 Gaussian σ 1.5) on Y." : " on Y (SSIM not computed: --no-ssim)."));
        r.Protocol.Add("bicubic, published protocol: the published bicubic rows come from SRCNN's route (Y of the uint8 HR first, both resizes on Y as floats, SR rounded); it is the reference row. Models cannot take Y alone: they get the RGB LR of MATLAB imresize on uint8 (what SR benchmark LR files hold) and their rounded RGB output goes to Y. Bicubic and Lanczos3 on that same LR are the like-for-like baselines for a model; that route reads 0.004–0.022 dB below the published one.");
        if (images.Any(i => i.GrayFile))
        {
            r.Protocol.Add($"one-channel files ({string.Join(", ", images.Where(i => i.GrayFile).Select(i => i.Name))}): their values are Y (no rgb2ycbcr), as MATLAB reads them; an RGB result for them is scored as round((R + G + B) / 3).");
        }

        if (s.Limit is { } n)
        {
            r.Protocol.Add($"subset: the first {n} images of the sorted list (--limit); means are not comparable with full-set tables.");
        }

        r.Protocol.Add(EvalCommon.CommonProtocolTimes(models.Count > 0, false));
    }
}
