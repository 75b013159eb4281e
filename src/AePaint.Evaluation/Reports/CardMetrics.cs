using System.Globalization;
using AePaint.Evaluation.Protocols;
using AePaint.Inference;
using AePaint.Inference.Cards;
using AePaint.OnnxFormat;

namespace AePaint.Evaluation.Reports;

/// <summary>
/// `aepaint eval … --record`: the report's mean PSNR/SSIM of each evaluated model written into that model's card
/// (embedded and sidecar, each replaced atomically), so a shipped model carries exactly the figures its README
/// quotes. An entry with the same dataset, metric and condition is replaced; others are kept.
/// </summary>
public static class CardMetrics
{
    /// <remarks>Give it a whole set's report: `aepaint eval` refuses --record with --limit before the run (EvalOptions).</remarks>
    public static IReadOnlyList<string> Record(EvalReport report, IReadOnlyList<string> models)
    {
        var written = new List<string>();
        foreach (var nameOrPath in models)
        {
            var path = ModelCatalog.Default().Resolve(nameOrPath);
            var proto = OnnxModelFile.Read(path);
            var card = OnnxModelFile.GetCard(proto, path) ?? throw new EvaluationException($"{path}: --record needs a card embedded in the .onnx");
            var entries = new List<MetricEntry>();
            foreach (var cond in report.Conditions)
            {
                foreach (var m in cond.Methods.Where(m => m.Kind == "model" && m.Status == MethodResult.Ok))
                {
                    string? variant = m.Name == card.Name ? string.Empty
                        : m.Name == card.Name + DenoiseEvaluation.EightBitSuffix ? ", 8-bit input" : null;
                    if (variant is null)
                    {
                        continue;
                    }

                    // "sr ×2", "denoise σ25"; a condition that already names its task ("real noise") is not repeated.
                    string task = cond.Name.StartsWith(report.Task + " ", StringComparison.Ordinal) ? string.Empty : report.Task + " ";
                    string condition = $"{task}{cond.Name}{variant}";
                    if (m.MeanPsnr is { } p)
                    {
                        entries.Add(new MetricEntry(report.SetName, "psnr", Math.Round(p, 3), condition));
                    }

                    if (m.MeanSsim is { } q)
                    {
                        entries.Add(new MetricEntry(report.SetName, "ssim", Math.Round(q, 4), condition));
                    }
                }
            }

            if (entries.Count == 0)
            {
                continue;
            }

            // Replace earlier figures of the same set and condition, including those recorded as "real real noise"
            // before the task was no longer repeated.
            var kept = card.Metrics.Where(e => !entries.Any(n => n.Dataset == e.Dataset && n.Metric == e.Metric
                && (n.Condition == e.Condition || $"{report.Task} {n.Condition}" == e.Condition)));
            OnnxModelFile.WriteWithCard(proto, card with { Metrics = [.. kept, .. entries] }, path);
            written.Add(string.Create(CultureInfo.InvariantCulture, $"{path}: {entries.Count} metrics"));
        }

        return written;
    }
}
