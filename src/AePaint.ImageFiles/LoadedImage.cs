using AePaint.Imaging;

namespace AePaint.ImageFiles;

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
