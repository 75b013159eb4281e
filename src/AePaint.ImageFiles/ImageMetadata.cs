namespace AePaint.ImageFiles;

/// <summary>
/// Metadata carried from an input file to an output file. Exif is the raw TIFF block
/// ("II*\0" or "MM\0*" …) without JPEG's "Exif\0\0" prefix; IccProfile is the raw profile.
/// </summary>
public sealed record ImageMetadata(byte[]? IccProfile = null, byte[]? Exif = null)
{
    public static ImageMetadata None { get; } = new();
}
