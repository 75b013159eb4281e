using System.Text;

namespace AePaint.Inference.Cards;

/// <summary>
/// A model's card straight from its file, without ONNX Runtime: the embedded metadata_props entry
/// (<see cref="ModelCardJson.MetadataKey"/>), else the sidecar JSON. Cheap enough for listing models when a dialog opens.
/// </summary>
public static class ModelCardFile
{
    internal const int MetadataPropsField = 14; // ModelProto.metadata_props in onnx.proto
    private const int EntryKey = 1; // StringStringEntryProto.key
    private const int EntryValue = 2; // StringStringEntryProto.value

    /// <summary>Reads the file and its card. Throws <see cref="ModelLoadException"/> naming the file and the reason.</summary>
    public static (ModelCard Card, CardSource Source) Read(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ModelLoadException(path, e is FileNotFoundException or DirectoryNotFoundException ? "model file not found" : "cannot read model file: " + e.Message, e);
        }

        return Read(path, bytes);
    }

    /// <summary>The card of an .onnx already in memory (<paramref name="path"/> names it and finds the sidecar).</summary>
    public static (ModelCard Card, CardSource Source) Read(string path, ReadOnlySpan<byte> onnx)
    {
        string? json;
        try
        {
            json = EmbeddedCard(onnx);
        }
        catch (InvalidDataException e)
        {
            throw new ModelLoadException(path, e.Message, e);
        }

        if (json != null)
        {
            return (ModelCardJson.Deserialize(json, path + " (embedded card)"), CardSource.Embedded);
        }

        var sidecar = ModelCardJson.SidecarPath(path);
        if (File.Exists(sidecar))
        {
            return (ModelCardJson.Deserialize(File.ReadAllText(sidecar), sidecar), CardSource.Sidecar);
        }

        throw new ModelLoadException(path, $"has no model card: neither embedded metadata '{ModelCardJson.MetadataKey}' nor a sidecar {Path.GetFileName(sidecar)}");
    }

    /// <summary>The JSON stored under the card key in metadata_props, or null.</summary>
    internal static string? EmbeddedCard(ReadOnlySpan<byte> onnx)
    {
        var model = new ProtoFieldReader(onnx);
        while (model.Next())
        {
            if (model.Field != MetadataPropsField || model.WireType != 2)
            {
                continue;
            }

            string? key = null;
            string? value = null;
            var entry = new ProtoFieldReader(model.Payload);
            while (entry.Next())
            {
                if (entry.WireType == 2 && entry.Field == EntryKey)
                {
                    key = Encoding.UTF8.GetString(entry.Payload);
                }
                else if (entry.WireType == 2 && entry.Field == EntryValue)
                {
                    value = Encoding.UTF8.GetString(entry.Payload);
                }
            }

            if (key == ModelCardJson.MetadataKey)
            {
                return value ?? string.Empty;
            }
        }

        return null;
    }
}
