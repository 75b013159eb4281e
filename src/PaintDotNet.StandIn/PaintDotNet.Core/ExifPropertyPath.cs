namespace PaintDotNet.Imaging;

/// <summary>Comparison members are not modelled.</summary>
public readonly struct ExifPropertyPath : IEquatable<ExifPropertyPath>
{
    public ExifPropertyPath(ExifSection section, ushort tagID)
    {
        Section = section;
        TagID = tagID;
    }

    public ExifSection Section { get; }

    public ushort TagID { get; }

    public static bool operator ==(ExifPropertyPath left, ExifPropertyPath right) => left.Equals(right);

    public static bool operator !=(ExifPropertyPath left, ExifPropertyPath right) => !left.Equals(right);

    public bool Equals(ExifPropertyPath other) => Section == other.Section && TagID == other.TagID;

    public override bool Equals(object? obj) => obj is ExifPropertyPath p && Equals(p);

    public override int GetHashCode() => HashCode.Combine(Section, TagID);
}
