namespace PaintDotNet.Imaging;

/// <summary>Equality and comparison members are not modelled.</summary>
public sealed class ExifValue
{
    public ExifValue(ExifValueType type, byte[] data)
        : this(type, (IEnumerable<byte>)data)
    {
    }

    public ExifValue(ExifValueType type, IEnumerable<byte> data)
    {
        Type = type;
        Data = data.ToArray();
    }

    public ExifValueType Type { get; }

    public IReadOnlyList<byte> Data { get; }
}
