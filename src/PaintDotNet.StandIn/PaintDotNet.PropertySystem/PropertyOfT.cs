namespace PaintDotNet.PropertySystem;

public abstract class Property<T> : Property
{
    private T _value;

    internal Property(object name, T defaultValue)
        : base(name)
    {
        _value = defaultValue;
    }

    public new T Value
    {
        get => _value;
        set => _value = Validate(value);
    }

    internal override object? BoxedValue
    {
        get => _value;
        set => Value = (T)value!;
    }

    internal virtual T Validate(T value) => value;
}
