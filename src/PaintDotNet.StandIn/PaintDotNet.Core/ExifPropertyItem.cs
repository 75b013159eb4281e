namespace PaintDotNet.Imaging;

/// <summary>Equality and comparison members are not modelled.</summary>
public sealed class ExifPropertyItem
{
    public ExifPropertyItem(ExifPropertyPath path, ExifValue value)
    {
        Path = path;
        Value = value;
    }

    public ExifPropertyItem(ExifSection section, ushort tagID, ExifValue value)
        : this(new ExifPropertyPath(section, tagID), value)
    {
    }

    public ExifPropertyPath Path { get; }

    public ExifValue Value { get; }
}
