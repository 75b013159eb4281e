namespace PaintDotNet.PropertySystem;

/// <summary>In Paint.NET it derives ScalarProperty&lt;int&gt;; the glue only constructs it and reads Value.</summary>
public sealed class Int32Property : Property<int>
{
    public Int32Property(object name, int defaultValue, int minValue, int maxValue)
        : base(name, defaultValue)
    {
        MinValue = minValue;
        MaxValue = maxValue;
    }

    public int MinValue { get; }

    public int MaxValue { get; }

    internal override int Validate(int value) =>
        value < MinValue || value > MaxValue ? throw new ArgumentOutOfRangeException(nameof(value), $"{Name}: {value} is outside {MinValue}..{MaxValue}") : value;

    internal override Property CloneCore() => new Int32Property(Name, Value, MinValue, MaxValue);
}
