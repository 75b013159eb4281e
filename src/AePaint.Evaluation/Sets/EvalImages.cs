using System.Text.RegularExpressions;
using AePaint.Evaluation.Protocols;
using AePaint.ImageFiles;

namespace AePaint.Evaluation.Sets;

/// <summary>Finding and loading the images of an evaluation folder.</summary>
public static partial class EvalImages
{
    /// <summary>
    /// The images of a set folder (not recursive), sorted by file name ordinally — the order that fixes each
    /// image's noise seed (seed = index), so it must not depend on the platform or culture.
    /// </summary>
    public static IReadOnlyList<string> ListSet(string dir)
    {
        CheckFolder(dir);
        var files = Directory.GetFiles(dir).Where(ImageFile.IsSupportedInput).Order(StringComparer.Ordinal).ToArray();
        return files.Length == 0 ? throw new EvaluationException($"{dir}: no PNG, JPEG or WebP images in this folder") : files;
    }

    public static IReadOnlyList<EvalImage> LoadSet(string dir, int? limit = null)
    {
        var files = ListSet(dir);
        if (limit is { } n)
        {
            files = files.Take(n).ToArray();
        }

        var images = new EvalImage[files.Count];
        EvalCommon.ParallelFor(files.Count, CancellationToken.None, i => images[i] = Load(files[i]));
        return images;
    }

    public static EvalImage Load(string path) =>
        new(System.IO.Path.GetFileNameWithoutExtension(path), path, ImageFile.Load(path), IsGrayFile(path));

    /// <summary>
    /// Pairs in a folder: <c>NOISY_i</c> / <c>GT_i</c> (SIDD samples; any case, any supported extension) and
    /// <c>name_real</c> / <c>name_mean</c> (PolyU, Nam). Sorted by name with numbers compared as numbers.
    /// Noisy files without a ground truth are an error (say which), so a typo does not shrink the set silently.
    /// </summary>
    public static IReadOnlyList<(string Name, string Noisy, string Clean)> ListPairs(string dir)
    {
        CheckFolder(dir);
        var files = Directory.GetFiles(dir).Where(ImageFile.IsSupportedInput).ToArray();
        var byStem = files.GroupBy(f => System.IO.Path.GetFileNameWithoutExtension(f), StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);
        var pairs = new List<(string Name, string Noisy, string Clean)>();
        var missing = new List<string>();
        foreach (var (stem, path) in byStem)
        {
            string? name = null, cleanStem = null;
            if (SiddNoisy().Match(stem) is { Success: true } m)
            {
                name = m.Groups[1].Value;
                cleanStem = "GT_" + name;
            }
            else if (stem.EndsWith("_real", StringComparison.OrdinalIgnoreCase))
            {
                name = stem[..^5];
                cleanStem = name + "_mean";
            }

            if (name is null || cleanStem is null)
            {
                continue;
            }

            if (byStem.TryGetValue(cleanStem, out var clean))
            {
                pairs.Add((name, path, clean));
            }
            else
            {
                missing.Add(System.IO.Path.GetFileName(path));
            }
        }

        if (missing.Count > 0)
        {
            throw new EvaluationException($"{dir}: no ground truth (GT_i or name_mean) for {string.Join(", ", missing.Order(StringComparer.Ordinal))}");
        }

        if (pairs.Count == 0)
        {
            throw new EvaluationException($"{dir}: no noisy/clean pairs found (expected NOISY_i + GT_i or name_real + name_mean files)");
        }

        return pairs.OrderBy(p => p.Name, NaturalComparer.Instance).ToArray();
    }

    public static IReadOnlyList<EvalPair> LoadPairs(string dir, int? limit = null)
    {
        var list = ListPairs(dir);
        if (limit is { } n)
        {
            list = list.Take(n).ToArray();
        }

        var pairs = new EvalPair[list.Count];
        EvalCommon.ParallelFor(list.Count, CancellationToken.None, i =>
        {
            var noisy = Load(list[i].Noisy);
            var clean = Load(list[i].Clean);
            if (noisy.Pixels.Width != clean.Pixels.Width || noisy.Pixels.Height != clean.Pixels.Height)
            {
                throw new EvaluationException($"{list[i].Noisy}: {noisy.Pixels.Width}×{noisy.Pixels.Height}, but its ground truth is {clean.Pixels.Width}×{clean.Pixels.Height}");
            }

            pairs[i] = new EvalPair(list[i].Name, noisy, clean);
        });
        return pairs;
    }

    /// <summary>True for a PNG whose IHDR colour type is gray (0) or gray + alpha (4).</summary>
    public static bool IsGrayFile(string path)
    {
        Span<byte> head = stackalloc byte[26];
        using var f = File.OpenRead(path);
        if (f.ReadAtLeast(head, head.Length, throwOnEndOfStream: false) < head.Length)
        {
            return false;
        }

        ReadOnlySpan<byte> signature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];
        return head[..8].SequenceEqual(signature) && head[25] is 0 or 4;
    }

    private static void CheckFolder(string dir)
    {
        if (!Directory.Exists(dir))
        {
            throw new EvaluationException($"{dir}: folder not found");
        }
    }

    [GeneratedRegex("^NOISY_(.+)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SiddNoisy();
}
