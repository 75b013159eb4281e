using System.Diagnostics;
using AePaint.Evaluation.Peers;
using AePaint.Evaluation.Reports;
using AePaint.Evaluation.Sets;
using AePaint.Imaging;
using AePaint.Imaging.Metrics;
using AePaint.Inference;

namespace AePaint.Evaluation.Protocols;

/// <summary>
/// `aepaint eval real`: real noisy photos against their ground truth (SIDD NOISY_i/GT_i, PolyU/Nam name_real/name_mean),
/// scored like denoising (PSNR/SSIM over R, G, B, no crop). Nothing is synthesised: σ for the peers and for
/// noise-map models is estimated from each noisy photo.
/// </summary>
public static class RealEvaluation
{
    public const string NoisyName = "noisy photo";

    /// <param name="sweep">Fixed σ values to run every noise-map model at as well (`--sigma-sweep`), with the per-image best of them.</param>
    public static EvalReport Run(EvalSettings s, IReadOnlyList<double>? sweep = null, CancellationToken cancel = default)
    {
        var pairs = EvalImages.LoadPairs(s.SetDir, s.Limit);
        var peers = DenoisePeer.SelectAndReportMissing(s.Peers, s.PeerSearchPath, s.Log, "eval");
        var models = EvalModel.OpenAll(s.Models, s.Device, c => EvalCommon.UnlessDenoise(c, "eval real"));
        try
        {
            var report = EvalCommon.NewReport("real", s, pairs.Count);
            report.Protocol.Add("real noise: each noisy photo scored against its ground truth like the denoising protocol — 8-bit results, PSNR (peak 1) over all channels, no border crop"
                + (s.Ssim ? ", SSIM 11×11 Gaussian σ 1.5 mean over channels." : " (SSIM not computed: --no-ssim)."));
            report.Protocol.Add("σ for the peers and for noise-map models: estimated from each noisy photo (AePaint's noise estimator, the models' `auto`); the σ used is listed per image. No published numbers exist for these samples: a sanity check only.");
            if (s.Limit is { } n)
            {
                report.Protocol.Add($"subset: the first {n} pairs (--limit).");
            }

            report.Protocol.Add(EvalCommon.CommonProtocolTimes(models.Count > 0, peers.Any(p => p.Installed)));

            var cond = new EvalCondition { Name = "real noise" };
            report.Conditions.Add(cond);
            var clean = pairs.Select(p => EvalCommon.Planar01(p.Clean.Pixels, p.Clean.GrayFile)).ToArray();
            var sigma = new double[pairs.Count];
            EvalCommon.ParallelFor(pairs.Count, cancel, i => sigma[i] = NoiseLevel.Estimate(pairs[i].Noisy.Pixels));

            ImageScore Score(int i, Bgra8Image result, double? seconds)
            {
                var (p, q) = ProtocolScores.Denoise(clean[i], EvalCommon.Planar01(result, pairs[i].Clean.GrayFile), s.Ssim);
                return new ImageScore(pairs[i].Name, p, s.Ssim ? q : null, seconds);
            }

            EvalCommon.Record(cond.Add(new MethodResult { Name = NoisyName, Kind = "input", Settings = "the noisy file as it is" }), s.Log, cond.Name, () =>
                EvalCommon.ForEachImage(pairs.Count, false, cancel, i => Score(i, pairs[i].Noisy.Pixels, null) with { SigmaIn = sigma[i] }));

            foreach (var peer in peers)
            {
                var m = cond.Add(new MethodResult { Name = peer.Name, Kind = "peer", Settings = EvalCommon.Describe(peer, null) + "; σ estimated per image" });
                if (!peer.Installed)
                {
                    m.Status = MethodResult.NotInstalled;
                    continue;
                }

                EvalCommon.Record(m, s.Log, cond.Name, () => EvalCommon.ForEachImage(pairs.Count, true, cancel, i =>
                {
                    var (result, seconds) = peer.Run(pairs[i].Noisy.Pixels, Math.Round(sigma[i], 2), cancel);
                    return Score(i, result, seconds) with { SigmaIn = Math.Round(sigma[i], 2) };
                }));
            }

            foreach (var model in models)
            {
                bool map = model.Card.NoiseMap is not null;
                var m = cond.Add(new MethodResult { Name = model.Label(s), Kind = "model", Settings = model.Describe(s) + (map ? "; noise map: auto (estimated per image)" : "; no noise-map input") });
                var settings = new RunSettings { TileSize = s.Tile, Passes = s.Passes };
                void RunModel(MethodResult row, RunSettings run) => EvalCommon.Record(row, s.Log, cond.Name, () => EvalCommon.ForEachImage(pairs.Count, true, cancel, i =>
                {
                    var clock = Stopwatch.StartNew();
                    var (restored, report) = TiledRunner.Run(model.Session, pairs[i].Noisy.Pixels, run, cancel: cancel);
                    return Score(i, restored, clock.Elapsed.TotalSeconds) with { SigmaIn = report.Sigma };
                }));
                RunModel(m, settings);
                if (!map || sweep is not { Count: > 0 })
                {
                    continue;
                }

                var rows = sweep.Select(sg => (Sigma: sg, Row: cond.Add(new MethodResult { Name = SigmaSweep.RowName(m.Name, sg), Kind = "model", Settings = model.Describe(s) + "; fixed σ" }))).ToList();
                foreach (var (sg, row) in rows)
                {
                    RunModel(row, settings with { Sigma = (float)sg });
                }

                var oracle = cond.Add(SigmaSweep.Oracle(m.Name, rows));
                if (oracle.Status == MethodResult.Ok && m.Status == MethodResult.Ok)
                {
                    report.Protocol.Add(SigmaSweep.Summary(m, oracle));
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
}
