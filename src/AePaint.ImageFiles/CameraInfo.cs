using System.Globalization;
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
            string? make = ifd0?.GetDescription(ExifDirectoryBase.TagMake)?.Trim();
            string? model = ifd0?.GetDescription(ExifDirectoryBase.TagModel)?.Trim();
            int? iso = sub != null && sub.TryGetInt32(ExifDirectoryBase.TagIsoEquivalent, out int v) && v > 0 ? v : null;
            return new CameraInfo(Name(make, model), iso);
        }
        catch (Exception e) when (e is ImageProcessingException or IOException or MetadataException or FormatException)
        {
            return None;
        }
    }

    /// <summary>"Make Model", without the make twice when the model already starts with it (as Canon's does).</summary>
    public static string? Name(string? make, string? model)
    {
        make = string.IsNullOrWhiteSpace(make) ? null : make.Trim();
        model = string.IsNullOrWhiteSpace(model) ? null : model.Trim();
        if (make != null && model != null && model.StartsWith(make.Split(' ')[0], StringComparison.OrdinalIgnoreCase))
        {
            return model;
        }

        return make == null ? model : model == null ? make : $"{make} {model}";
    }

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Camera ?? "unknown camera"}, {(Iso is { } i ? $"ISO {i}" : "no ISO")}");
}
