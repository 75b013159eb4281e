using AePaint.Inference;
using AePaint.Inference.Cards;
using Google.Protobuf;
using Onnx;

namespace AePaint.OnnxFormat;

/// <summary>Reads and writes .onnx files and the model card inside them (metadata_props) and beside them (sidecar).</summary>
public static class OnnxModelFile
{
    public static ModelProto Read(string path)
    {
        try
        {
            using var s = File.OpenRead(path);
            return ModelProto.Parser.ParseFrom(s);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new ModelLoadException(path, "not a valid ONNX file: " + e.Message, e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ModelLoadException(path, "cannot read model file: " + e.Message, e);
        }
    }

    /// <summary>Writes the model through a temp file and a rename, so a failure leaves no half-written model.</summary>
    public static void Write(ModelProto model, string path)
    {
        var tmp = path + ".tmp-" + Environment.ProcessId;
        try
        {
            using (var s = File.Create(tmp))
            {
                model.WriteTo(s);
            }

            File.Move(tmp, path, overwrite: true);
        }
        finally
        {
            File.Delete(tmp);
        }
    }

    /// <summary>Sets (replaces) the embedded card.</summary>
    public static void SetCard(ModelProto model, ModelCard card)
    {
        var json = ModelCardJson.Serialize(card);
        var existing = model.MetadataProps.FirstOrDefault(p => p.Key == ModelCardJson.MetadataKey);
        if (existing != null)
        {
            existing.Value = json;
        }
        else
        {
            model.MetadataProps.Add(new StringStringEntryProto { Key = ModelCardJson.MetadataKey, Value = json });
        }
    }

    public static ModelCard? GetCard(ModelProto model, string source)
    {
        var entry = model.MetadataProps.FirstOrDefault(p => p.Key == ModelCardJson.MetadataKey);
        return entry is null ? null : ModelCardJson.Deserialize(entry.Value, source);
    }

    /// <summary>Writes model + embedded card + OpenModelDB-style sidecar JSON, both atomically.</summary>
    public static void WriteWithCard(ModelProto model, ModelCard card, string path)
    {
        SetCard(model, card);
        Write(model, path);
        WriteSidecar(card, path);
    }

    public static void WriteSidecar(ModelCard card, string onnxPath)
    {
        var sidecar = ModelCardJson.SidecarPath(onnxPath);
        var tmp = sidecar + ".tmp-" + Environment.ProcessId;
        File.WriteAllText(tmp, ModelCardJson.Serialize(card) + "\n");
        File.Move(tmp, sidecar, overwrite: true);
    }
}
