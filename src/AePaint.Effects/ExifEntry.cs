namespace AePaint.Effects;

/// <summary>One EXIF entry as a host hands it over: section ("Image" = IFD0, "Photo" = the Exif sub-IFD), tag, TIFF type, raw value bytes.</summary>
public readonly record struct ExifEntry(string Section, int Tag, int Type, byte[] Data);
