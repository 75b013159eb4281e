using System.Diagnostics;
using System.Globalization;
using AePaint.Evaluation.Peers;
using AePaint.Evaluation.Reports;
using AePaint.Evaluation.Sets;
using AePaint.Imaging;
using AePaint.Imaging.Metrics;
using AePaint.Inference;

namespace AePaint.Evaluation.Protocols;

/// <summary>
/// `aepaint eval denoise`: synthetic AWGN on a clean set (CBSD68, Set12, …) scored as the literature does
/// (<see cref="ProtocolScores"/>), with the noisy input, the classical peers and the given models side by side.
/// </summary>
public static class DenoiseEvaluation
{
    public const string NoisyFloatName = "noisy input (protocol: unclipped float)";
    /// <summary>Row-name suffix of a model run on the 8-bit noisy image instead of the protocol's floats.</summary>
    public const string EightBitSuffix = " (8-bit input)";

    public const string Noisy8Name = "noisy input, 8-bit (given to the external peers)";

    /// <param name="addNoise">The AWGN levels σ added to the clean images, one condition each (`--add-noise`).</param>
    /// <param name="sigmaAuto">What a noise-map model is told (`--sigma`): the σ added (false) or the σ estimated per image (true).</param>
    public static EvalReport Run(EvalSettings s, IReadOnlyList<double> addNoise, bool sigmaAuto, CancellationToken cancel = default)
    {
        foreach (var sigma in addNoise)
        {
            if (!(sigma is > 0 and <= 255))
            {
                throw new EvaluationException($"--add-noise {sigma.ToString(CultureInfo.InvariantCulture)}: use noise levels in (0, 255]");
            }
        }

        var images = EvalImages.LoadSet(s.SetDir, s.Limit);
        var peers = DenoisePeer.SelectAndReportMissing(s.Peers, s.PeerSearchPath, s.Log, "eval");
        var models = EvalModel.OpenAll(s.Models, s.Device, c => EvalCommon.UnlessDenoise(c, "eval denoise"));
        try
        {
            var report = EvalCommon.NewReport("denoise", s, images.Count);
            Describe(report, images, models, peers, sigmaAuto, s);

            // Clean planes once: 3 planes, or 1 for a gray file.
            var clean = images.Select(im => im.GrayFile ? EvalCommon.Planar01(im.Pixels, true) : PixelConversion.ToPlanar(im.Pixels)).ToArray();
            foreach (var sigma in addNoise)
            {
                var cond = new EvalCondition { Name = $"σ {sigma.ToString("0.##", CultureInfo.InvariantCulture)}", Sigma = sigma };
                report.Conditions.Add(cond);

                // The protocol's noisy input (seed = image index) and the 8-bit image models and peers receive.
                var noisy = new PlanarImage[images.Count];
                var noisy8 = new Bgra8Image[images.Count];
                EvalCommon.ParallelFor(images.Count, cancel, i =>
                {
                    noisy[i] = ProtocolScores.DenoiseNoisyInput(clean[i], sigma, seed: i);
                    noisy8[i] = PixelConversion.ToBgra8(noisy[i]);
                });

                EvalCommon.Record(cond.Add(new MethodResult { Name = NoisyFloatName, Kind = "input", Settings = $"AWGN σ {sigma.ToString("0.##", CultureInfo.InvariantCulture)}/255, seed = image index, not clipped" }), s.Log, cond.Name, () =>
                    EvalCommon.ForEachImage(images.Count, false, cancel, i => Score(images[i], clean[i], noisy[i], null, s.Ssim)));
                EvalCommon.Record(cond.Add(new MethodResult { Name = Noisy8Name, Kind = "input", Settings = "the same noise clipped to [0, 1] and rounded to 8 bits" }), s.Log, cond.Name, () =>
                    EvalCommon.ForEachImage(images.Count, false, cancel, i => Score(images[i], clean[i], EvalCommon.Planar01(noisy8[i], images[i].GrayFile), null, s.Ssim)));

                foreach (var peer in peers)
                {
                    var m = cond.Add(new MethodResult { Name = peer.Name, Kind = "peer", Settings = EvalCommon.Describe(peer, sigma) });
                    if (!peer.Installed)
                    {
                        m.Status = MethodResult.NotInstalled;
                        continue;
                    }

                    EvalCommon.Record(m, s.Log, cond.Name, () => EvalCommon.ForEachImage(images.Count, true, cancel, i =>
                    {
                        var (result, seconds) = peer.Run(noisy8[i], sigma, cancel);
                        return Score(images[i], clean[i], EvalCommon.Planar01(result, images[i].GrayFile), seconds, s.Ssim);
                    }));
                }

                foreach (var model in models)
                {
                    bool map = model.Card.NoiseMap is not null;
                    var settings = new RunSettings { TileSize = s.Tile, Passes = s.Passes, Sigma = map && !sigmaAuto ? SigmaRange.Of(model.Card)!.Value.Limit((float)sigma) : null };
                    string how = model.Describe(s) + (map ? (sigmaAuto ? "; noise map: σ estimated per image (auto)" : "; noise map: the true σ") : "; no noise-map input");

                    // The protocol's unclipped float input, as published methods get it; then the 8-bit file a
                    // photographer's image would be (what the plugin and CLI actually see).
                    var m = cond.Add(new MethodResult { Name = model.Label(s), Kind = "model", Settings = how + "; unclipped float input (protocol)" });
                    EvalCommon.Record(m, s.Log, cond.Name, () => EvalCommon.ForEachImage(images.Count, true, cancel, i => Timed(images[i], clean[i], s.Ssim, () =>
                    {
                        var (planar, run) = TiledRunner.RunToPlanar(model.Session, ThreeChannels(noisy[i]), settings, cancel: cancel);
                        return (PixelConversion.ToBgra8(planar, linear: model.Card.ColorSpace == "linear"), run);
                    })));

                    var m8 = cond.Add(new MethodResult { Name = model.Label(s) + EightBitSuffix, Kind = "model", Settings = how + "; the 8-bit noisy image" });
                    EvalCommon.Record(m8, s.Log, cond.Name, () => EvalCommon.ForEachImage(images.Count, true, cancel, i => Timed(images[i], clean[i], s.Ssim, () =>
                        TiledRunner.Run(model.Session, noisy8[i], settings, cancel: cancel))));
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

    /// <summary>Runs a model once on one image, timed, and scores its 8-bit result with the σ it was given.</summary>
    private static ImageScore Timed(EvalImage image, PlanarImage clean, bool ssim, Func<(Bgra8Image Result, RunReport Run)> run)
    {
        var clock = Stopwatch.StartNew();
        var (restored, report) = run();
        double seconds = clock.Elapsed.TotalSeconds;
        return Score(image, clean, EvalCommon.Planar01(restored, image.GrayFile), seconds, ssim) with { SigmaIn = report.Sigma };
    }

    /// <summary>A gray file's single noisy plane as R = G = B, for RGB models.</summary>
    private static PlanarImage ThreeChannels(PlanarImage p)
    {
        if (p.Channels == 3)
        {
            return p;
        }

        var rgb = new PlanarImage(3, p.Width, p.Height);
        for (int c = 0; c < 3; c++)
        {
            p.Plane(0).CopyTo(rgb.Plane(c));
        }

        return rgb;
    }

    private static ImageScore Score(EvalImage image, PlanarImage clean, PlanarImage result, double? seconds, bool ssim)
    {
        var (p, q) = ProtocolScores.Denoise(clean, result, ssim);
        return new ImageScore(image.Name, p, ssim ? q : null, seconds);
    }

    private static void Describe(EvalReport r, IReadOnlyList<EvalImage> images, IReadOnlyList<EvalModel> models, IReadOnlyList<DenoisePeer> peers, bool auto, EvalSettings s)
    {
        r.Protocol.Add("protocol (evaluation.md, Gaussian denoising): clean uint8 → [0, 1]; AWGN N(0, (σ/255)²) from System.Random seeded with the image's index in the ordinal-sorted file list (Box–Muller), not clipped; results clipped to [0, 1] and rounded to uint8; PSNR (peak 1) over all channels, no border crop" + (s.Ssim ? "; SSIM 11×11 Gaussian σ 1.5, K 0.01/0.03, mean over channels." : "; SSIM not computed (--no-ssim)."));
        r.Protocol.Add("input: models get the protocol's unclipped float noisy image through the same tiled engine (TiledRunner.RunToPlanar on floats), as published methods were given it, and again as the 8-bit image (rows \"… (8-bit input)\": what the plugin sees in a saved photo); the external peers take 8-bit images (files for the programs, a Mat for OpenCV), so they get it clipped to [0, 1] and rounded to 8 bits — the row \"" + Noisy8Name + "\" scores that image (it reads higher than the protocol's noisy input because clipping removes part of the noise at dark and bright pixels).");
        if (images.Any(i => i.GrayFile))
        {
            r.Protocol.Add($"gray files ({images.Count(i => i.GrayFile)}): one plane, noise on it; models and peers get it as R = G = B and their result is scored as round((R + G + B) / 3).");
        }

        if (models.Any(m => m.Card.NoiseMap is not null))
        {
            r.Protocol.Add(auto
                ? "noise-map models: σ estimated from each noisy 8-bit image (--sigma auto; per-image σ in the details)."
                : "noise-map models: given the true σ of the added noise (--sigma true), clamped to the card's σ range.");
        }

        if (s.Limit is { } n)
        {
            r.Protocol.Add($"subset: the first {n} images of the sorted list (--limit); means are not comparable with full-set tables.");
        }

        r.Protocol.Add(EvalCommon.CommonProtocolTimes(models.Count > 0, peers.Any(p => p.Installed)));
    }
}
