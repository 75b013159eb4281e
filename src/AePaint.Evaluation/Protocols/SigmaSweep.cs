using System.Globalization;
using AePaint.Evaluation.Reports;

namespace AePaint.Evaluation.Protocols;

/// <summary>
/// `aepaint eval real --sigma-sweep`: how far the automatic σ is from the best fixed σ of the same model, per image. Each
/// fixed σ is one method row; the oracle row takes, per image, the best of them (σ given = that σ), and the summary
/// says how many images the automatic row has within <see cref="Tolerance"/> dB of it.
/// </summary>
public static class SigmaSweep
{
    /// <summary>"Within" for the summary: the gap the default must stay under.</summary>
    public const double Tolerance = 0.3;

    public static string RowName(string model, double sigma) =>
        string.Create(CultureInfo.InvariantCulture, $"{model}, σ {sigma:0.##}");

    public static string OracleName(string model) => $"{model}, best fixed σ per image";

    /// <summary>Per image, the fixed-σ row with the highest PSNR (its σ as the σ given).</summary>
    public static MethodResult Oracle(string model, IReadOnlyList<(double Sigma, MethodResult Row)> fixedRows)
    {
        var oracle = new MethodResult { Name = OracleName(model), Kind = "oracle", Settings = "per image the best of σ " + string.Join(", ", fixedRows.Select(r => r.Sigma.ToString("0.##", CultureInfo.InvariantCulture))) + " (not a method: a bound for the automatic σ)" };
        if (fixedRows.Count == 0 || fixedRows.Any(r => r.Row.Status != MethodResult.Ok))
        {
            oracle.Status = "not computed";
            return oracle;
        }

        foreach (var first in fixedRows[0].Row.Images)
        {
            var (sigma, score) = fixedRows
                .Select(r => (r.Sigma, Score: r.Row.Images.First(i => i.Image == first.Image)))
                .MaxBy(r => r.Score.Psnr);
            oracle.Images.Add(score with { SigmaIn = sigma, Seconds = null });
        }

        return oracle;
    }

    /// <summary>One protocol line: mean and worst gap of the automatic row to the oracle, and how many images are within the tolerance.</summary>
    public static string Summary(MethodResult automatic, MethodResult oracle)
    {
        var gaps = oracle.Images.Select(o => o.Psnr - automatic.Images.First(a => a.Image == o.Image).Psnr).ToArray();
        if (gaps.Length == 0)
        {
            return $"{automatic.Name}: no images to compare with the best fixed σ.";
        }

        int within = gaps.Count(g => g <= Tolerance);
        return string.Create(CultureInfo.InvariantCulture,
            $"{automatic.Name} (automatic σ) vs the best fixed σ per image: mean gap {gaps.Average():F2} dB, worst {gaps.Max():F2} dB, {within} of {gaps.Length} images within {Tolerance} dB.");
    }
}
