namespace PaintDotNet.PropertySystem;

public sealed class StaticListChoiceProperty : Property<object>
{
    public StaticListChoiceProperty(object name, object[] valueChoices)
        : this(name, valueChoices, 0)
    {
    }

    public StaticListChoiceProperty(object name, object[] valueChoices, int defaultChoiceIndex)
        : base(name, valueChoices[defaultChoiceIndex])
    {
        ValueChoices = valueChoices;
    }

    public object[] ValueChoices { get; }

    internal override object Validate(object value) =>
        Array.IndexOf(ValueChoices, value) < 0 ? throw new ArgumentOutOfRangeException(nameof(value), $"{Name}: '{value}' is not a choice") : value;

    internal override Property CloneCore() => new StaticListChoiceProperty(Name, ValueChoices, Array.IndexOf(ValueChoices, Value));
}
