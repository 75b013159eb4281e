using System.Globalization;
using System.Text.RegularExpressions;

namespace AePaint.Evaluation.Sets;

/// <summary>"2" before "10": digit runs compare as numbers, the rest ordinally.</summary>
internal sealed partial class NaturalComparer : IComparer<string>
{
    public static readonly NaturalComparer Instance = new();

    public int Compare(string? x, string? y)
    {
        var a = Parts().Split(x ?? string.Empty);
        var b = Parts().Split(y ?? string.Empty);
        for (int i = 0; i < Math.Min(a.Length, b.Length); i++)
        {
            int c = long.TryParse(a[i], NumberStyles.None, CultureInfo.InvariantCulture, out var na) && long.TryParse(b[i], NumberStyles.None, CultureInfo.InvariantCulture, out var nb)
                ? na.CompareTo(nb)
                : string.CompareOrdinal(a[i], b[i]);
            if (c != 0)
            {
                return c;
            }
        }

        return a.Length.CompareTo(b.Length);
    }

    [GeneratedRegex("([0-9]+)", RegexOptions.CultureInvariant)]
    private static partial Regex Parts();
}
