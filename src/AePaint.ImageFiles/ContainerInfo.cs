namespace AePaint.ImageFiles;

/// <summary>What the file's own headers say, read before Skia decodes anything.</summary>
internal sealed class ContainerInfo
{
    public ImageFormat? Format { get; set; }

    public long Width { get; set; }

    public long Height { get; set; }

    public int BitDepth { get; set; } = 8;

    public bool IsGray { get; set; }

    public bool HasAlpha { get; set; }

    public byte[]? Icc { get; set; }

    public byte[]? Exif { get; set; }

    public List<string> Problems { get; } = [];

    /// <summary>Set when the header claims far more pixels than the file could possibly hold.</summary>
    public string? Implausible { get; set; }
}
