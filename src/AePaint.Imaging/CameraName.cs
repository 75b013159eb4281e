namespace AePaint.Imaging;

/// <summary>
/// How a camera is named from EXIF Make and Model, the same for files (ImageFiles) and the plugin's document EXIF
/// (Effects), so a card's camera matches either: "Make Model", without the make twice when the model already starts
/// with it (Canon's "Canon EOS 70D"), padding trimmed.
/// </summary>
public static class CameraName
{
    public static string? From(string? make, string? model)
    {
        make = string.IsNullOrWhiteSpace(make) ? null : make.Trim();
        model = string.IsNullOrWhiteSpace(model) ? null : model.Trim();
        if (make != null && model != null && model.StartsWith(make.Split(' ')[0], StringComparison.OrdinalIgnoreCase))
        {
            return model;
        }

        return make == null ? model : model == null ? make : $"{make} {model}";
    }
}
