namespace PaintDotNet.PropertySystem;

/// <summary>Name and Value as in Paint.NET; events, read-only and validation hooks are not modelled.</summary>
public abstract class Property
{
    internal Property(object name) => Name = name.ToString() ?? string.Empty;

    public string Name { get; }

    public object? Value
    {
        get => BoxedValue;
        set => BoxedValue = value;
    }

    internal abstract object? BoxedValue { get; set; }

    internal abstract Property CloneCore();
}
