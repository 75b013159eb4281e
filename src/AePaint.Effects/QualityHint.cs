using System.Globalization;
using AePaint.Inference;
using AePaint.Inference.Cards;

namespace AePaint.Effects;

/// <summary>
/// The Quality choice's description: which model Fast and Best run, and the expected CPU time of each for the current
/// selection, from the model's MAC/px and this machine's measured rate (<see cref="CpuRates"/>).
/// </summary>
public static class QualityHint
{
    /// <summary>The models whose CPU time the hint states (what <see cref="CpuRates.Measure"/> is given).</summary>
    public static IReadOnlyList<(string Path, ModelCard Card)> Models(ModelTask task, IReadOnlyList<ModelChoice> choices) => Timed(task, choices).Select(t => (t.Path, t.Card)).ToArray();

    public static string Text(ModelTask task, IReadOnlyList<ModelChoice> choices, Rect selection, CpuRates rates)
    {
        string models;
        if (task == ModelTask.Denoise)
        {
            var pair = ModelPair.For(task, 1);
            models = choices.FirstOrDefault(c => c.IsPair) is not { } standard
                ? NotInstalled(pair, "the Standard entry") + "."
                : $"Fast runs {pair.Fast}. " + BestText(pair, standard, "cleaner") + " Other models in the list run as they are.";
        }
        else
        {
            // Only ×2 has a quality net so far; the pair entries carry the scale in their label.
            var pairs = choices.Where(c => c.IsPair).OrderBy(c => c.Card.Scale).ToArray();
            models = pairs.Length == 0
                ? NotInstalled(ModelPair.For(task, 2), "×2") + ": each model runs as it is."
                : string.Concat(pairs.Select(c => $"×{c.Card.Scale}: Fast runs {c.Card.Name}. " + BestText(ModelPair.For(task, c.Card.Scale), c, "sharper") + " "))
                  + "Other scales have one model so far: Fast and Best run the same one.";
        }

        var times = Timed(task, choices)
            .Select(t => (t.What, Seconds: rates.Seconds(t.Card, selection.Area), Measuring: rates.IsMeasuring(t.Card)))
            .ToArray();
        string megapixels = (selection.Area / 1e6).ToString(selection.Area < 1e6 ? "0.00" : "0.0", CultureInfo.InvariantCulture);

        // Paint.NET builds the dialog's descriptions once (OnCreateConfigUI), so a figure measured while it is open shows next time.
        string later = times.Any(t => t.Seconds is null && t.Measuring) ? " This PC's speed is being measured now; the time shows the next time this dialog opens." : string.Empty;
        string time = times.Length == 0 ? string.Empty
            : times.All(t => t.Seconds is null) ? "\nExpected time on the CPU: " + (later.Length > 0 ? "not known yet." + later : "not measured on this machine yet.")
            : $"\nExpected on the CPU for this selection ({megapixels} MP): "
              + string.Join(", ", times.Select(t => $"{t.What} {(t.Seconds is null && t.Measuring ? "being measured" : Duration(t.Seconds))}"))
              + "; extra passes multiply it. A graphics card is usually faster." + later;
        return models + time;
    }

    /// <summary>"under 1 s", "≈ 12 s", "≈ 3 min", "not measured".</summary>
    public static string Duration(double? seconds) => seconds switch
    {
        null => "not measured",
        < 1 => "under 1 s",
        < 90 => $"≈ {Math.Round(seconds.Value).ToString("0", CultureInfo.InvariantCulture)} s",
        _ => $"≈ {Math.Round(seconds.Value / 60).ToString("0", CultureInfo.InvariantCulture)} min",
    };

    private static string NotInstalled(ModelPair pair, string entry) =>
        $"Fast and Best pick {pair.Fast} or {pair.Best} for {entry}; {pair.Fast} is not installed, so Quality changes nothing";

    private static string BestText(ModelPair pair, ModelChoice standard, string better) => standard.Best is null
        ? $"Best would run {pair.Best}, which is not installed: Best runs {pair.Fast}."
        : $"Best runs {pair.Best}: {better}, slower.";

    /// <summary>
    /// Denoise: Fast and (when installed) Best of the Standard entry. Super-resolution: each scale's default model, and
    /// a pair's Best beside its Fast ("×2 Fast", "×2 Best", "×4").
    /// </summary>
    private static IEnumerable<(string What, string Path, ModelCard Card)> Timed(ModelTask task, IReadOnlyList<ModelChoice> choices)
    {
        if (task == ModelTask.Denoise)
        {
            if (choices.FirstOrDefault(c => c.IsPair) is { } standard)
            {
                yield return ("Fast", standard.Path, standard.Card);
                if (standard.Best is { Card: { } best })
                {
                    yield return ("Best", standard.Best.Path, best);
                }
            }

            yield break;
        }

        foreach (var c in choices.Where(c => !c.IsAuto && string.Equals(c.Card.Name, ModelPair.DefaultName(task, c.Card.Scale), StringComparison.OrdinalIgnoreCase)).OrderBy(c => c.Card.Scale))
        {
            if (c.Best is { Card: { } best })
            {
                yield return ($"×{c.Card.Scale} Fast", c.Path, c.Card);
                yield return ($"×{c.Card.Scale} Best", c.Best.Path, best);
            }
            else
            {
                yield return ($"×{c.Card.Scale}", c.Path, c.Card);
            }
        }
    }
}
