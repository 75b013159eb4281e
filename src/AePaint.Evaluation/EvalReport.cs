using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace AePaint.Evaluation;

/// <summary>
/// One `aepaint eval` run: what was run, on which machine, under which protocol, and per condition (σ or scale)
/// every method's per-image and mean scores and times. Serialised as report.json and rendered as report.md.
/// </summary>
public sealed class EvalReport
{
    public required string Task { get; init; }

    public required string Set { get; init; }

    public required string SetName { get; init; }

    public required int ImageCount { get; init; }

    public required string Command { get; init; }

    public DateTimeOffset Date { get; init; } = DateTimeOffset.UtcNow;

    public string Machine { get; init; } = DescribeMachine();

    public string Version { get; init; } = typeof(EvalReport).Assembly.GetName().Version?.ToString(3) ?? "?";

    /// <summary>The scoring rules and every choice that affects the numbers, one line each.</summary>
    public List<string> Protocol { get; } = [];

    public List<EvalCondition> Conditions { get; } = [];

    public static string DescribeMachine()
    {
        string cpu = string.Empty;
        try
        {
            if (OperatingSystem.IsLinux() && File.Exists("/proc/cpuinfo"))
            {
                cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? string.Empty;
            }
        }
        catch (IOException)
        {
            // The CPU name is decoration.
        }

        return $"{(cpu.Length > 0 ? cpu + ", " : string.Empty)}{Environment.ProcessorCount} logical cores, {RuntimeInformation.OSDescription} {RuntimeInformation.OSArchitecture}, .NET {Environment.Version}";
    }
}

/// <summary>One σ (denoise), one scale (SR) or the real-noise pairs.</summary>
public sealed class EvalCondition
{
    public required string Name { get; init; }

    public double? Sigma { get; init; }

    public int? Scale { get; init; }

    public List<MethodResult> Methods { get; } = [];

    public MethodResult Add(MethodResult m)
    {
        Methods.Add(m);
        return m;
    }
}

/// <summary>One method (input, baseline, peer or model) under one condition.</summary>
public sealed class MethodResult
{
    public const string Ok = "ok";
    public const string NotInstalled = "not installed";

    public required string Name { get; init; }

    /// <summary>input | baseline | peer | model.</summary>
    public required string Kind { get; init; }

    /// <summary><see cref="Ok"/>, <see cref="NotInstalled"/>, "skipped: …" or "failed: …".</summary>
    public string Status { get; set; } = Ok;

    /// <summary>Settings in words (and the exact command line of an external program).</summary>
    public string? Settings { get; set; }

    public List<ImageScore> Images { get; } = [];

    public double? MeanPsnr => Images.Count == 0 ? null : Images.Average(i => i.Psnr);

    public double? MeanSsim => Images.Count == 0 || Images.Any(i => i.Ssim is null) ? null : Images.Average(i => i.Ssim!.Value);

    /// <summary>Mean wall time per image in seconds (null for inputs, which take no time).</summary>
    public double? MeanSeconds => Images.Count == 0 || Images.Any(i => i.Seconds is null) ? null : Images.Average(i => i.Seconds!.Value);

    public double? TotalSeconds => MeanSeconds is null ? null : Images.Sum(i => i.Seconds!.Value);
}

/// <summary>
/// One image's score. <paramref name="SigmaIn"/>: the σ a noise-map model or a peer was given for this image
/// (0..255 units) when it depends on the image.
/// </summary>
public sealed record ImageScore(string Image, double Psnr, double? Ssim, double? Seconds, double? SigmaIn = null);

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
