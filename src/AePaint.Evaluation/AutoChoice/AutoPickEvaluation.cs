using System.Globalization;
using System.Text;
using System.Text.Json;
using AePaint.ImageFiles;
using AePaint.Imaging;
using AePaint.Imaging.Metrics;
using AePaint.Inference;
using AePaint.Inference.Cards;
using AePaint.Inference.Embedding;

namespace AePaint.Evaluation.AutoChoice;

/// <summary>
/// `aepaint eval autopick`: how often Auto chooses the candidate that actually scores best. For every image of every
/// domain folder the clean image is degraded (AWGN σ for denoise, MATLAB-bicubic ÷s for super-resolution), every
/// candidate restores it, PSNR against the clean image names the best, and Auto picks from the degraded image (what
/// a user has) among the same candidates. Hit rate = share of images where Auto's choice is the best; regret = the
/// PSNR given away (best − chosen).
/// </summary>
public static class AutoPickEvaluation
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public static AutoPickReport Run(AutoPickSettings s, CancellationToken cancel = default)
    {
        if (s.Models.Count < 2)
        {
            throw new EvaluationException("eval autopick: give at least two models (-m a -m b) to choose between");
        }

        var catalog = s.ModelsDir is null ? ModelCatalog.Default() : new ModelCatalog([s.ModelsDir]);
        var models = s.Models.Select(m => ModelSession.Open(catalog.Resolve(m), ExecutionDevice.Cpu)).ToList();
        try
        {
            var first = models[0].Card;
            if (models.Any(m => m.Card.Task != first.Task || m.Card.Scale != first.Scale) || first.Task is not (ModelTask.Denoise or ModelTask.SuperResolution))
            {
                throw new EvaluationException("eval autopick: the models must all be denoise models, or all super-resolution models of one scale");
            }

            var embedderPath = DomainMeasurement.FindEmbedder(catalog, s.Embedder);
            var embedders = embedderPath is null ? [] : new[] { new EmbedderInfo(embedderPath, ReadName(embedderPath), ModelFingerprint.OfFile(embedderPath)) };
            var picker = new AutoPicker(models.Select(m => new AutoCandidate(m.ModelPath, m.Card)).ToArray(), first.Task, first.Scale, embedders);
            using var embedderSessions = new ModelSessionCache();
            var perImage = new List<AutoPickImage>();
            int index = 0;
            foreach (var (domain, files) in Domains(s.SetDir, s.Limit))
            {
                foreach (var file in files)
                {
                    cancel.ThrowIfCancellationRequested();
                    var clean = CentreCrop(ImageFile.Load(file), s.MaxSide, first.Scale);
                    var input = first.Task == ModelTask.Denoise
                        ? PixelConversion.ToBgra8(ProtocolScores.DenoiseNoisyInput(PixelConversion.ToPlanar(clean), s.AddNoise, seed: index))
                        : ProtocolScores.SrLowResolution(clean, first.Scale);
                    index++;
                    var psnr = new Dictionary<string, double>();
                    foreach (var m in models)
                    {
                        var settings = new RunSettings { TileSize = s.Tile, Sigma = m.Card.NoiseMap is null ? null : (float)s.AddNoise };
                        var (restored, _) = TiledRunner.Run(m, input, settings, cancel: cancel);
                        psnr[m.Card.Name] = first.Task == ModelTask.Denoise
                            ? ProtocolScores.Denoise(PixelConversion.ToPlanar(clean), PixelConversion.ToPlanar(restored), withSsim: false).Psnr
                            : ProtocolScores.SuperResolution(ProtocolScores.Luma(clean), ProtocolScores.Luma(restored), first.Scale, withSsim: false).Psnr;
                    }

                    var pick = picker.Pick(input, p => embedderSessions.Get(p, ExecutionDevice.Cpu), cancel);
                    var best = psnr.MaxBy(p => p.Value).Key;
                    var row = new AutoPickImage(domain, Path.GetRelativePath(s.SetDir, file), psnr, best, pick.Card.Name, pick.Fallback, pick.Card.Name == best, psnr[best] - psnr[pick.Card.Name], pick.Reason);
                    perImage.Add(row);
                    s.Log?.Invoke(string.Create(CultureInfo.InvariantCulture, $"eval autopick: {domain}/{Path.GetFileName(file)}: best {best} {psnr[best]:F2} dB, auto {pick.Card.Name}{(row.Hit ? " (hit)" : $" (miss, −{row.Regret:F2} dB)")}"));
                }
            }

            if (perImage.Count == 0)
            {
                throw new EvaluationException($"{s.SetDir}: no images in its domain folders");
            }

            var condition = first.Task == ModelTask.Denoise
                ? string.Create(CultureInfo.InvariantCulture, $"denoise, AWGN σ {s.AddNoise:0.##} (seed = image index, 8-bit), models told the true σ; crops ≤ {s.MaxSide}²")
                : $"super-resolution ×{first.Scale}, MATLAB bicubic LR, PSNR on Y with {first.Scale} px border cropped; crops ≤ {s.MaxSide}²";
            return new AutoPickReport(
                s.Command,
                Path.GetFullPath(s.SetDir),
                condition,
                picker.Embedder is { } e ? $"{e.Name} {e.Hash}" : $"none ({picker.FallbackReason})",
                models.Select(m => m.Card.Name).ToArray(),
                models.Where(m => m.Card.Domain is not null).Select(m => m.Card.Name).ToArray(),
                perImage.Count,
                perImage.Count(r => r.Hit) / (double)perImage.Count,
                perImage.Average(r => r.Regret),
                perImage);
        }
        finally
        {
            models.ForEach(m => m.Dispose());
        }
    }

    public static string ToJson(AutoPickReport r) => JsonSerializer.Serialize(r, Json);

    public static string ToMarkdown(AutoPickReport r)
    {
        var md = new StringBuilder();
        string F(double v) => v.ToString("F2", CultureInfo.InvariantCulture);
        md.AppendLine("# Auto-pick hit rate").AppendLine();
        md.AppendLine($"`{r.Command}`").AppendLine();
        md.AppendLine($"- set: {r.Set} (one folder per domain)");
        md.AppendLine($"- condition: {r.Condition}");
        md.AppendLine($"- embedder: {r.Embedder}");
        md.AppendLine($"- candidates: {string.Join(", ", r.Models.Select(m => r.ModelsWithDomain.Contains(m) ? m : m + " (no domain in its card)"))}");
        md.AppendLine(string.Create(CultureInfo.InvariantCulture, $"- **hit rate {r.HitRate:P1}** ({r.PerImage.Count(i => i.Hit)} of {r.Images} images: Auto chose the model that scored best); mean regret {F(r.MeanRegret)} dB"));
        md.AppendLine().AppendLine($"| domain | images | hit rate | mean regret (dB) | Auto PSNR | best PSNR | {string.Join(" | ", r.Models.Select(m => m + " PSNR"))} | Auto chose |");
        md.AppendLine($"|---|---:|---:|---:|---:|---:|{string.Concat(r.Models.Select(_ => "---:|"))}---|");
        foreach (var g in r.PerImage.GroupBy(i => i.Domain).Append(r.PerImage.GroupBy(_ => "**all**").First()))
        {
            var rows = g.ToArray();
            var chose = string.Join(", ", rows.GroupBy(i => i.Auto).Select(c => $"{c.Key} {c.Count()}"));
            md.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| {g.Key} | {rows.Length} | {rows.Count(i => i.Hit) / (double)rows.Length:P0} | {F(rows.Average(i => i.Regret))} | {F(rows.Average(i => i.Psnr[i.Auto]))} | {F(rows.Average(i => i.Psnr[i.Best]))} | {string.Join(" | ", r.Models.Select(m => F(rows.Average(i => i.Psnr[m]))))} | {chose} |"));
        }

        md.AppendLine().AppendLine("## Per image").AppendLine();
        md.AppendLine($"| domain | image | best | Auto | hit | {string.Join(" | ", r.Models)} | why |");
        md.AppendLine($"|---|---|---|---|---|{string.Concat(r.Models.Select(_ => "---:|"))}---|");
        foreach (var i in r.PerImage)
        {
            md.AppendLine($"| {i.Domain} | {i.Image} | {i.Best} | {i.Auto}{(i.Fallback ? " (fallback)" : string.Empty)} | {(i.Hit ? "yes" : "no")} | {string.Join(" | ", r.Models.Select(m => F(i.Psnr[m])))} | {i.AutoReason.Replace("|", "\\|", StringComparison.Ordinal)} |");
        }

        return md.ToString();
    }

    /// <summary>Each subfolder of the set is a domain; its images (recursive, sorted), the first <paramref name="limit"/>.</summary>
    private static IEnumerable<(string Domain, IReadOnlyList<string> Files)> Domains(string setDir, int? limit)
    {
        if (!Directory.Exists(setDir))
        {
            throw new EvaluationException($"{setDir}: folder not found");
        }

        var domains = Directory.GetDirectories(setDir).Order(StringComparer.Ordinal).ToArray();
        if (domains.Length == 0)
        {
            throw new EvaluationException($"{setDir}: expected one subfolder per domain (e.g. birds/, night/), with images in each");
        }

        foreach (var d in domains)
        {
            var files = Directory.EnumerateFiles(d, "*", SearchOption.AllDirectories).Where(ImageFile.IsSupportedInput).Order(StringComparer.Ordinal).Take(limit ?? int.MaxValue).ToArray();
            yield return (Path.GetFileName(d), files);
        }
    }

    /// <summary>The centre crop of at most <paramref name="maxSide"/>², cut to a multiple of <paramref name="scale"/> (the SR protocol's modcrop).</summary>
    private static Bgra8Image CentreCrop(Bgra8Image image, int maxSide, int scale)
    {
        int w = Math.Min(image.Width, maxSide) / scale * scale, h = Math.Min(image.Height, maxSide) / scale * scale;
        if (w == image.Width && h == image.Height)
        {
            return image;
        }

        int x0 = (image.Width - w) / 2, y0 = (image.Height - h) / 2;
        var crop = new Bgra8Image(w, h);
        for (int y = 0; y < h; y++)
        {
            image.Data.AsSpan(((y0 + y) * image.Stride) + (x0 * 4), w * 4).CopyTo(crop.Row(y));
        }

        return crop;
    }

    private static string ReadName(string path)
    {
        using var s = ModelSession.Open(path, ExecutionDevice.Cpu);
        return s.Card.Task == ModelTask.Embed ? s.Card.Name : throw new EvaluationException($"{path}: {s.Card.Name} is not an embedder");
    }
}
