using System.Globalization;
using AePaint.Imaging;
using MetadataExtractor;
using MetadataExtractor.Formats.Exif;

namespace AePaint.ImageFiles;

/// <summary>
/// Which camera took a photo and at what ISO, from its EXIF (IFD0 Make/Model, Exif sub-IFD ISO speed). Photos
/// without EXIF, or files MetadataExtractor cannot parse, give <see cref="None"/>: these fields are hints, never a
/// reason to refuse a photo.
/// </summary>
public sealed record CameraInfo(string? Camera, int? Iso)
{
    public static CameraInfo None { get; } = new(null, null);

    public static CameraInfo Read(string path)
    {
        try
        {
            var dirs = ImageMetadataReader.ReadMetadata(path);
            var ifd0 = dirs.OfType<ExifIfd0Directory>().FirstOrDefault();
            var sub = dirs.OfType<ExifSubIfdDirectory>().FirstOrDefault();
            string? make = ifd0?.GetDescription(ExifDirectoryBase.TagMake);
            string? model = ifd0?.GetDescription(ExifDirectoryBase.TagModel);
            int? iso = sub != null && sub.TryGetInt32(ExifDirectoryBase.TagIsoEquivalent, out int v) && v > 0 ? v : null;
            return new CameraInfo(CameraName.From(make, model), iso);
        }
        catch (Exception e) when (e is ImageProcessingException or IOException or MetadataException or FormatException)
        {
            return None;
        }
    }

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Camera ?? "unknown camera"}, {(Iso is { } i ? $"ISO {i}" : "no ISO")}");
}
