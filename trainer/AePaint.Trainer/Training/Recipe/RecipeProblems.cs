using System.Globalization;

namespace AePaint.Trainer.Training.Recipe;

/// <summary>
/// Collects a recipe's problems, one line each, every line naming its key path (`degradation.noise.sigmaMax`) and
/// what is allowed. A section's checks go through <see cref="In"/>, so the same wording covers every key.
/// </summary>
internal sealed class RecipeProblems
{
    private readonly List<string> _lines;
    private readonly string _prefix;

    public RecipeProblems()
        : this([], string.Empty)
    {
    }

    private RecipeProblems(List<string> lines, string prefix)
    {
        _lines = lines;
        _prefix = prefix;
    }

    public IReadOnlyList<string> Lines => _lines;

    /// <summary>The same list, with keys below <paramref name="section"/>.</summary>
    public RecipeProblems In(string section) => new(_lines, Path(section) + ".");

    public string Path(string key) => _prefix + key;

    public void Add(string key, string message) => _lines.Add($"{Path(key)}: {message}");

    public void Check(bool ok, string key, string message)
    {
        if (!ok)
        {
            Add(key, message);
        }
    }

    /// <summary>min ≤ value ≤ max (NaN is out of every range).</summary>
    public void Range(string key, double value, double min, double max, string? note = null) =>
        Check(value >= min && value <= max, key, string.Create(CultureInfo.InvariantCulture, $"{value} is out of range; allowed {min}..{max}{note}"));

    public void AtLeast(string key, double value, double min, string? note = null) =>
        Check(value >= min, key, string.Create(CultureInfo.InvariantCulture, $"{value} is out of range; allowed ≥ {min}{note}"));

    public void OneOf(string key, string value, params string[] allowed) =>
        Check(allowed.Contains(value, StringComparer.Ordinal), key, $"'{value}' is not allowed; allowed: {string.Join(", ", allowed)}");

    /// <summary>A multiple of <paramref name="multiple"/> within min..max.</summary>
    public void Multiple(string key, int value, int multiple, int min, int max) =>
        Check(value >= min && value <= max && value % multiple == 0, key, $"{value} is not allowed; allowed: a multiple of {multiple} in {min}..{max}");
}
