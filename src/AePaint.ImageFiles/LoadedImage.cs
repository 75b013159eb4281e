using AePaint.Imaging;

namespace AePaint.ImageFiles;

/// <summary>The file formats AePaint reads and writes.</summary>
public enum ImageFormat
{
    Png,
    Jpeg,
    Webp,
}

/// <summary>EXIF orientation (tag 0x0112): how the stored pixels must be turned to look upright.</summary>
public enum ExifOrientation
{
    Normal = 1,
    MirrorHorizontal = 2,
    Rotate180 = 3,
    MirrorVertical = 4,
    Transpose = 5,
    Rotate90 = 6,
    Transverse = 7,
    Rotate270 = 8,
}

/// <summary>
/// Metadata carried from an input file to an output file. Exif is the raw TIFF block
/// ("II*\0" or "MM\0*" …) without JPEG's "Exif\0\0" prefix; IccProfile is the raw profile.
/// </summary>
public sealed record ImageMetadata(byte[]? IccProfile = null, byte[]? Exif = null)
{
    public static ImageMetadata None { get; } = new();
}

/// <summary>What <see cref="ImageFile.LoadWithMetadata"/> found in a file.</summary>
public sealed record LoadedImage
{
    /// <summary>Upright (EXIF orientation applied), straight-alpha BGRA8, not colour-converted.</summary>
    public required Bgra8Image Pixels { get; init; }

    /// <summary>ICC and EXIF as found; the EXIF orientation is already reset to Normal to match the upright pixels.</summary>
    public required ImageMetadata Metadata { get; init; }

    public required ImageFormat Format { get; init; }

    /// <summary>Bits per channel in the file: 16 for 16-bit PNG (reduced to 8 with rounding), 1–8 otherwise.</summary>
    public required int SourceBitDepth { get; init; }

    public required bool SourceHadAlpha { get; init; }

    public required bool SourceWasGray { get; init; }

    /// <summary>The orientation the file asked for, already applied to <see cref="Pixels"/>.</summary>
    public required ExifOrientation SourceOrientation { get; init; }

    /// <summary>Things dropped or reduced while loading (malformed metadata, 16-bit input), in plain words.</summary>
    public required IReadOnlyList<string> Warnings { get; init; }
}

/// <summary>Encoder settings for <see cref="ImageFile.Save(string, Bgra8Image, ImageMetadata?, SaveOptions?)"/>.</summary>
public sealed record SaveOptions
{
    public static SaveOptions Default { get; } = new();

    /// <summary>JPEG and lossy WebP quality, 1–100.</summary>
    public int Quality { get; init; } = 95;

    /// <summary>Write WebP losslessly (Quality then sets the effort).</summary>
    public bool WebpLossless { get; init; }

    /// <summary>Replace an existing file at the path. Off by default: a save never replaces what the caller did not ask it to.</summary>
    public bool Overwrite { get; init; }

    /// <summary>
    /// Write a gray image: channels averaged to one value per pixel, stored as a gray PNG/JPEG (WebP, and PNG with
    /// transparency, have no gray-only form and get R = G = B exactly). For gray inputs, so gray in is gray out.
    /// </summary>
    public bool Grayscale { get; init; }
}
