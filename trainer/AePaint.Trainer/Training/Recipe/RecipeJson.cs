using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace AePaint.Trainer.Training.Recipe;

/// <summary>
/// Reads and writes recipes. Reading reports every unknown key (with the keys allowed there), every flat key of the
/// old format (with its new path) and a wrong type (with the type expected), one line each naming the source and the
/// key path; value ranges are <see cref="TrainOptions.Problems"/>'s.
/// </summary>
internal static class RecipeJson
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    private static readonly JsonDocumentOptions Document = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    public static TrainOptions Load(string path) => Parse(Read(path), path, acceptFlat: false);

    public static TrainOptions Parse(string json, string source, bool acceptFlat)
    {
        var root = Root(json, source);
        var problems = new List<string>();
        if (LegacyRecipe.IsFlat(root))
        {
            if (acceptFlat)
            {
                root = LegacyRecipe.Nest(root);
            }
            else
            {
                problems.AddRange(root.Where(p => LegacyRecipe.IsFlatKey(p.Key, p.Value)).Select(p => $"{p.Key}: moved to {LegacyRecipe.Moved[p.Key]}"));
            }
        }

        Unknown(root, typeof(TrainOptions), string.Empty, problems);
        Fail(source, problems);
        try
        {
            return root.Deserialize<TrainOptions>(Json) ?? throw new TrainerException($"{source}: empty recipe");
        }
        catch (JsonException e)
        {
            var path = (e.Path ?? "$").TrimStart('$', '.');
            throw new TrainerException($"{source}: {path}: expected {Expected(path)}");
        }
    }

    public static string Write(TrainOptions options) => JsonSerializer.Serialize(options, Json);

    /// <summary>The key paths set in a recipe file, down to the values (`degradation.noise.sigmaMax`).</summary>
    public static HashSet<string> KeysIn(string path)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        void Walk(JsonObject o, Type type, string prefix)
        {
            foreach (var (key, value) in o)
            {
                var property = Settable(type).GetValueOrDefault(key);
                if (property is not null && IsSection(property.PropertyType) && value is JsonObject child)
                {
                    Walk(child, property.PropertyType, prefix + key + ".");
                }
                else
                {
                    keys.Add(prefix + key);
                }
            }
        }

        Walk(Root(Read(path), path), typeof(TrainOptions), string.Empty);
        return keys;
    }

    private static string Read(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new TrainerException($"{path}: {e.Message}");
        }
    }

    private static JsonObject Root(string json, string source)
    {
        try
        {
            return JsonNode.Parse(json, documentOptions: Document) as JsonObject ?? throw new TrainerException($"{source}: a recipe is a JSON object {{ … }}");
        }
        catch (JsonException e)
        {
            throw new TrainerException($"{source}: not valid JSON ({e.Message})");
        }
    }

    private static void Fail(string source, List<string> problems)
    {
        if (problems.Count > 0)
        {
            throw new TrainerException(string.Join(Environment.NewLine, problems.Select(p => $"{source}: {p}")));
        }
    }

    private static void Unknown(JsonObject o, Type type, string prefix, List<string> problems)
    {
        var known = Settable(type);
        foreach (var (key, value) in o)
        {
            if (prefix.Length == 0 && LegacyRecipe.IsFlatKey(key, value))
            {
                continue; // reported as moved
            }

            if (!known.TryGetValue(key, out var property))
            {
                problems.Add($"{prefix}{key}: unknown key; allowed here: {string.Join(", ", known.Keys)}");
            }
            else if (IsSection(property.PropertyType))
            {
                if (value is JsonObject child)
                {
                    Unknown(child, property.PropertyType, prefix + key + ".", problems);
                }
                else
                {
                    problems.Add($"{prefix}{key}: expected an object {{ {string.Join(", ", Settable(property.PropertyType).Keys)} }}");
                }
            }
        }
    }

    /// <summary>A section of the recipe: one of the records in this namespace (checked key by key).</summary>
    private static bool IsSection(Type type) => type.Namespace == typeof(RecipeJson).Namespace && type.IsClass;

    private static Dictionary<string, PropertyInfo> Settable(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.SetMethod is not null)
            .ToDictionary(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name), StringComparer.Ordinal);

    /// <summary>What the key at <paramref name="path"/> holds, in words ("a number", "a list of strings", …).</summary>
    private static string Expected(string path)
    {
        var type = typeof(TrainOptions);
        foreach (var part in path.Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            var name = part.Split('[')[0];
            if (!Settable(type).TryGetValue(name, out var property))
            {
                return "another type";
            }

            type = property.PropertyType;
            if (part.Contains('[') && type.IsGenericType)
            {
                type = type.GetGenericArguments()[0];
            }
        }

        var underlying = Nullable.GetUnderlyingType(type);
        var core = underlying ?? type;
        string what = core == typeof(string) ? "a string"
            : core == typeof(bool) ? "true or false"
            : core == typeof(int) || core == typeof(long) ? "a whole number"
            : core == typeof(float) || core == typeof(double) ? "a number"
            : core == typeof(List<string>) ? "a list of strings"
            : core == typeof(List<double>) ? "a list of numbers"
            : "an object";
        return underlying is not null ? what + " or null" : what;
    }
}
