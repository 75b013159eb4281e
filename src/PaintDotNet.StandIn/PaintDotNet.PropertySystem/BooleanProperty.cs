namespace PaintDotNet.PropertySystem;

public sealed class BooleanProperty : Property<bool>
{
    public BooleanProperty(object name, bool defaultValue)
        : base(name, defaultValue)
    {
    }

    internal override Property CloneCore() => new BooleanProperty(Name, Value);
}
