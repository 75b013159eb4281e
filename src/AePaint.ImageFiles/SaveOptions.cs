namespace AePaint.ImageFiles;

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
