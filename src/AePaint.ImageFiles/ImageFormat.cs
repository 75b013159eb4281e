namespace AePaint.ImageFiles;

/// <summary>The file formats AePaint reads and writes.</summary>
public enum ImageFormat
{
    Png,
    Jpeg,
    Webp,
}
