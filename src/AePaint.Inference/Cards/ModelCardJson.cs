using System.Text.Json;
using System.Text.Json.Serialization;

namespace AePaint.Inference.Cards;

/// <summary>The one JSON form of a card, used for the embedded metadata and the sidecar alike.</summary>
public static class ModelCardJson
{
    /// <summary>metadata_props key holding the card inside the .onnx.</summary>
    public const string MetadataKey = "aepaint.card";

    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    public static string Serialize(ModelCard card) => JsonSerializer.Serialize(card, Options);

    /// <summary>Parses a card; <paramref name="source"/> names where it came from for the error message.</summary>
    public static ModelCard Deserialize(string json, string source)
    {
        ModelCard? card;
        try
        {
            card = JsonSerializer.Deserialize<ModelCard>(json, Options);
        }
        catch (JsonException e)
        {
            throw new ModelLoadException(source, $"model card is not valid JSON: {e.Message}", e);
        }

        if (card is null)
        {
            throw new ModelLoadException(source, "model card is empty");
        }

        var problems = card.Problems();
        if (problems.Count > 0)
        {
            throw new ModelLoadException(source, "model card is not usable: " + string.Join("; ", problems));
        }

        return card;
    }

    /// <summary>The sidecar path for a model file: model.onnx → model.json.</summary>
    public static string SidecarPath(string onnxPath) => Path.ChangeExtension(onnxPath, ".json");
}
