using System.Globalization;
using AePaint.Imaging;
using AePaint.Inference;
using AePaint.Inference.Cards;
using AePaint.Inference.Embedding;

namespace AePaint.Effects;

/// <summary>
/// The dialogs' "Auto" model entries: a settings value (<see cref="PathFor"/>) that the run resolves, when it computes,
/// to the installed model whose training domain is nearest to the selection (<see cref="AutoPicker"/>).
/// </summary>
public static class AutoModel
{
    private const string Prefix = "auto:";

    /// <summary>The settings' model "path" meaning Auto: "auto:denoise", "auto:sr-x2", …</summary>
    public static string PathFor(ModelTask task, int scale) => Prefix + (task == ModelTask.Denoise ? "denoise" : $"sr-x{scale}");

    public static bool TryParse(string? path, out ModelTask task, out int scale)
    {
        task = ModelTask.Denoise;
        scale = 1;
        if (path is null || !path.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var what = path[Prefix.Length..];
        if (what == "denoise")
        {
            return true;
        }

        task = ModelTask.SuperResolution;
        return what.StartsWith("sr-x", StringComparison.Ordinal) && int.TryParse(what[4..], NumberStyles.None, CultureInfo.InvariantCulture, out scale) && scale is >= 2 and <= 4;
    }

    public static string Label(ModelTask task, int scale) =>
        task == ModelTask.Denoise ? "Auto (model nearest this photo's training domain)" : $"Auto ×{scale} (model nearest this photo's training domain)";

    /// <summary>
    /// The dialog's list: the installed models (<see cref="ModelChoices.For"/>), then Auto — one entry for denoise, one
    /// per installed scale for super-resolution. Nothing is added when no model is installed.
    /// </summary>
    public static IReadOnlyList<ModelChoice> WithAuto(ModelTask task, IEnumerable<CatalogEntry> installed)
    {
        var models = ModelChoices.For(task, installed);
        var autos = models.Select(c => c.Card.Scale).Distinct().Order()
            .Select(s => new ModelChoice(PathFor(task, s), new ModelCard { Name = "auto", Task = task, Scale = s }));
        return [.. models, .. autos];
    }

    /// <summary>
    /// Resolves Auto for one run: a model trained on the photo's camera noise when the host knows the camera and ISO
    /// (<paramref name="shot"/>), else embeds the selection's pixels (only when an embedder and domains exist) and
    /// picks. The embedder runs on the CPU through the host's session cache.
    /// </summary>
    public static AutoPick Choose(ModelTask task, int scale, IReadOnlyList<CatalogEntry> installed, IPixelSource source, Rect area, ModelSessionCache sessions, CancellationToken cancel, ShotInfo? shot = null)
    {
        var picker = AutoPicker.FromCatalog(installed, task, scale);
        if (picker.ForCamera(shot) is { } byCamera)
        {
            return byCamera;
        }

        if (picker.Embedder is null)
        {
            return picker.Choose(null);
        }

        var pixels = new Bgra8Image(area.Width, area.Height);
        source.Read(area, pixels.Data, pixels.Stride);
        return picker.Pick(pixels, path => sessions.Get(path, ExecutionDevice.Cpu), cancel);
    }

    /// <summary>What the user is told: which model Auto used, in plain words, and the distances as details.</summary>
    public static (string Message, string Details) Describe(AutoPick pick)
    {
        var message = pick.Fallback
            ? $"Auto used the general model \"{pick.Card.Name}\" ({pick.Reason})."
            : $"Auto chose the model \"{pick.Card.Name}\": its training photos are the nearest to this image.";
        var details = pick.Distances.Count == 0
            ? pick.Reason
            : "Distance of this image from each model's training photos, in units of their spread (about 1 = like a training photo): "
              + string.Join(", ", pick.Distances.Select(d => string.Create(CultureInfo.InvariantCulture, $"{d.Name} {d.Distance:F2}")));
        return (message, details);
    }
}
