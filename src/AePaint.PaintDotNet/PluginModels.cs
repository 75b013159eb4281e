using System.Collections.Concurrent;
using AePaint.Effects;
using AePaint.Inference;
using AePaint.Inference.Cards;

namespace AePaint.PaintDotNet;

/// <summary>Installed models (listed from their cards) and the one session cache of the Paint.NET process.</summary>
internal static class PluginModels
{
    public const string NoModelLabel = "(no model installed)";

    private static readonly ConcurrentDictionary<ModelTask, IReadOnlyList<ModelChoice>> Lists = new();

    /// <summary>Sessions live for the whole Paint.NET session: a settings change that keeps the model keeps its session.</summary>
    public static ModelSessionCache Sessions { get; } = new();

    /// <summary>What each run tells and gives the user (errors, GPU notice, clipboard, PNG), for the whole Paint.NET session. Tests replace it.</summary>
    internal static RunFeedback Feedback { get; set; } = new(RunFeedback.DefaultPngFolder());

    /// <summary>This machine's measured CPU rate per model, for the Quality hint. Tests replace it.</summary>
    internal static CpuRates Rates { get; set; } = new(CpuRates.DefaultFile);

    /// <summary>Where models are looked for: beside the plugin DLL, then the per-user folder. Tests replace it.</summary>
    internal static Func<ModelCatalog> Catalog { get; set; } = () => ModelCatalog.Default(Path.GetDirectoryName(typeof(PluginModels).Assembly.Location));

    /// <summary>Every model found at the last refresh (embedders included): what the Auto entries choose from.</summary>
    public static IReadOnlyList<CatalogEntry> Installed { get; private set; } = [];

    /// <summary>Re-reads the installed models (called when a dialog opens); the list ends with the Auto entries.</summary>
    public static IReadOnlyList<ModelChoice> Refresh(ModelTask task)
    {
        var installed = Catalog().List();
        Installed = installed;
        var list = AutoModel.WithAuto(task, installed);
        Lists[task] = list;
        return list;
    }

    public static IReadOnlyList<ModelChoice> Get(ModelTask task) => Lists.TryGetValue(task, out var l) ? l : Refresh(task);

    public static object[] Labels(IReadOnlyList<ModelChoice> choices) =>
        choices.Count == 0 ? [NoModelLabel] : choices.Select(c => (object)c.Label).ToArray();

    /// <summary>The model file for a label and quality; null when none is installed (the run then reports it in plain words).</summary>
    public static string? PathFor(ModelTask task, object? label, ModelQuality quality) =>
        Get(task).FirstOrDefault(c => Equals(c.Label, label))?.For(quality);

    internal static void Reset()
    {
        Lists.Clear();
        Installed = [];
    }
}
