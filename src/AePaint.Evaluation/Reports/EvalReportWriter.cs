using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace AePaint.Evaluation.Reports;

/// <summary>Markdown and JSON renderings, and the atomic pair write.</summary>
public static class EvalReportWriter
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string ToJson(EvalReport report) => JsonSerializer.Serialize(report, Json);

    /// <summary>
    /// Writes <paramref name="basePath"/>.md and .json (a trailing .md or .json on the name is dropped): both are
    /// written to temp files in the target folder first and only then renamed over the targets, so a failed or
    /// cancelled run leaves any earlier report pair as it was. Returns the two paths.
    /// </summary>
    public static (string Markdown, string Json) Write(EvalReport report, string basePath) =>
        WritePair(basePath, ToMarkdown(report), ToJson(report));

    /// <summary>Writes NAME.md and NAME.json (atomically, as <see cref="Write"/>) for any report.</summary>
    public static (string Markdown, string Json) WritePair(string basePath, string markdown, string json)
    {
        var full = Path.GetFullPath(basePath);
        if (full.EndsWith(".md", StringComparison.OrdinalIgnoreCase) || full.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
        {
            full = Path.ChangeExtension(full, null);
        }

        var folder = Path.GetDirectoryName(full)!;
        if (!Directory.Exists(folder))
        {
            throw new EvaluationException($"{basePath}: output folder {folder} does not exist");
        }

        var targets = new[] { full + ".md", full + ".json" };
        var contents = new[] { markdown, json };
        var temps = targets.Select(t => Path.Combine(folder, $".{Path.GetFileName(t)}.{Guid.NewGuid():N}.tmp")).ToArray();
        try
        {
            for (int i = 0; i < 2; i++)
            {
                using var s = new FileStream(temps[i], FileMode.CreateNew, FileAccess.Write, FileShare.None);
                var bytes = new UTF8Encoding(false).GetBytes(contents[i]);
                s.Write(bytes);
                s.Flush(flushToDisk: true);
            }

            for (int i = 0; i < 2; i++)
            {
                File.Move(temps[i], targets[i], overwrite: true);
            }
        }
        finally
        {
            foreach (var t in temps)
            {
                try
                {
                    File.Delete(t);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    // A leftover temp file must not hide the real error.
                }
            }
        }

        return (targets[0], targets[1]);
    }

    public static string ToMarkdown(EvalReport r)
    {
        var sb = new StringBuilder();
        void L(string line = "") => sb.Append(line).Append('\n');
        L($"# AePaint evaluation: {r.Task} on {r.SetName} ({r.ImageCount} {(r.Task == "real" ? "pairs" : "images")})");
        L();
        L($"- command: `{r.Command}`");
        L($"- set: `{r.Set}`");
        L($"- run: {r.Date.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)}, aepaint {r.Version}; {r.Machine}");
        foreach (var p in r.Protocol)
        {
            L($"- {p}");
        }

        foreach (var c in r.Conditions)
        {
            L();
            L($"## {c.Name}");
            L();
            L("| method | PSNR (dB) | SSIM | s / image | settings |");
            L("|---|---:|---:|---:|---|");
            foreach (var m in c.Methods)
            {
                string psnr = m.Status == MethodResult.Ok ? F(m.MeanPsnr, "F2") : m.Status;
                L($"| {Cell(m.Name)} | {Cell(psnr)} | {F(m.MeanSsim, "F4")} | {F(m.MeanSeconds, "F3")} | {Cell(m.Settings ?? string.Empty)} |");
            }

            var scored = c.Methods.Where(m => m.Images.Count > 0).ToList();
            if (scored.Count == 0)
            {
                continue;
            }

            L();
            L($"<details><summary>{c.Name}: per image (PSNR dB / SSIM{(scored.Any(m => m.Images.Any(i => i.SigmaIn is not null)) ? "; σ given" : string.Empty)})</summary>");
            L();
            L("| image | " + string.Join(" | ", scored.Select(m => Cell(m.Name))) + " |");
            L("|---|" + string.Concat(scored.Select(_ => "---:|")));
            var names = scored[0].Images.Select(i => i.Image).ToList();
            foreach (var name in names)
            {
                var cells = scored.Select(m => m.Images.FirstOrDefault(i => i.Image == name) is { } s
                    ? F(s.Psnr, "F2") + (s.Ssim is { } ss ? " / " + ss.ToString("F4", CultureInfo.InvariantCulture) : string.Empty) + (s.SigmaIn is { } sg ? $" (σ {sg.ToString("F1", CultureInfo.InvariantCulture)})" : string.Empty)
                    : "—");
                L($"| {Cell(name)} | {string.Join(" | ", cells)} |");
            }

            L();
            L("</details>");
        }

        return sb.ToString();
    }

    private static string F(double? v, string format) => v is { } x ? x.ToString(format, CultureInfo.InvariantCulture) : "—";

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}
