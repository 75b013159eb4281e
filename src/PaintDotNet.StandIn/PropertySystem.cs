namespace PaintDotNet.PropertySystem;

public abstract class Property
{
    internal Property(object name, object defaultValue)
    {
        Name = name.ToString() ?? string.Empty;
        DefaultValue = defaultValue;
    }

    internal string Name { get; }

    internal object DefaultValue { get; }

    internal abstract object BoxedValue { get; set; }

    internal abstract Property CloneCore();
}

public abstract class Property<T> : Property
{
    private T _value;

    internal Property(object name, T defaultValue)
        : base(name, defaultValue!)
    {
        _value = defaultValue;
    }

    public T Value
    {
        get => _value;
        set => _value = Validate(value);
    }

    internal override object BoxedValue
    {
        get => _value!;
        set => Value = (T)value;
    }

    internal virtual T Validate(T value) => value;
}

public sealed class Int32Property : Property<int>
{
    public Int32Property(object name, int defaultValue, int minValue, int maxValue)
        : base(name, defaultValue)
    {
        MinValue = minValue;
        MaxValue = maxValue;
    }

    internal int MinValue { get; }

    internal int MaxValue { get; }

    internal override int Validate(int value) =>
        value < MinValue || value > MaxValue ? throw new ArgumentOutOfRangeException(nameof(value), $"{Name}: {value} is outside {MinValue}..{MaxValue}") : value;

    internal override Property CloneCore() => new Int32Property(Name, Value, MinValue, MaxValue);
}

public sealed class BooleanProperty : Property<bool>
{
    public BooleanProperty(object name, bool defaultValue)
        : base(name, defaultValue)
    {
    }

    internal override Property CloneCore() => new BooleanProperty(Name, Value);
}

public sealed class StaticListChoiceProperty : Property<object>
{
    public StaticListChoiceProperty(object name, object[] valueChoices, int defaultChoiceIndex)
        : base(name, valueChoices[defaultChoiceIndex])
    {
        ValueChoices = valueChoices;
    }

    internal object[] ValueChoices { get; }

    internal override object Validate(object value) =>
        Array.IndexOf(ValueChoices, value) < 0 ? throw new ArgumentOutOfRangeException(nameof(value), $"{Name}: '{value}' is not a choice") : value;

    internal override Property CloneCore() => new StaticListChoiceProperty(Name, ValueChoices, Array.IndexOf(ValueChoices, Value));
}

public sealed class PropertyCollection : IEnumerable<Property>
{
    private readonly List<Property> _properties;

    public PropertyCollection(IEnumerable<Property> properties)
    {
        _properties = properties.ToList();
    }

    internal Property? this[object propertyName] => _properties.FirstOrDefault(p => p.Name == propertyName.ToString());

    public IEnumerator<Property> GetEnumerator() => _properties.GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

    internal PropertyCollection CloneCore() => new(_properties.Select(p => p.CloneCore()));
}
