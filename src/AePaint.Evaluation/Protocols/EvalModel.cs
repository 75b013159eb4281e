using System.Globalization;
using AePaint.Inference;
using AePaint.Inference.Cards;

namespace AePaint.Evaluation.Protocols;

/// <summary>A model opened for evaluation, with the words the report uses for it.</summary>
public sealed class EvalModel : IDisposable
{
    private EvalModel(string path, ModelSession session)
    {
        Path = path;
        Session = session;
    }

    public string Path { get; }

    public ModelSession Session { get; }

    public ModelCard Card => Session.Card;

    public string Name => Card.Name;

    /// <summary>
    /// Opens every model; <paramref name="unfit"/> says why a card does not fit the task (null: it fits), and the first
    /// unfit model stops the evaluation naming its file, with every session opened so far disposed.
    /// </summary>
    public static IReadOnlyList<EvalModel> OpenAll(IReadOnlyList<string> namesOrPaths, ExecutionDevice device, Func<ModelCard, string?>? unfit = null)
    {
        var catalog = ModelCatalog.Default();
        var models = new List<EvalModel>();
        try
        {
            foreach (var m in namesOrPaths)
            {
                var path = catalog.Resolve(m);
                models.Add(new EvalModel(path, ModelSession.Open(path, device)));
                if (unfit?.Invoke(models[^1].Card) is { } why)
                {
                    throw new EvaluationException($"{path}: {why}");
                }
            }
        }
        catch
        {
            models.ForEach(m => m.Dispose());
            throw;
        }

        return models;
    }

    /// <summary>The report's name for this model: with self-ensemble passes it is a different method.</summary>
    public string Label(EvalSettings s) => s.Passes == 1 ? Name : $"{Name} ×{s.Passes} passes";

    public string Describe(EvalSettings s)
    {
        var c = Card;
        var parts = new List<string> { $"`{System.IO.Path.GetFileName(Path)}`" };
        if (c.Architecture is { } a)
        {
            parts.Add(a);
        }

        if (c.Parameters is { } p)
        {
            parts.Add(p.ToString("N0", CultureInfo.InvariantCulture) + " params");
        }

        if (c.MacsPerPixel is { } macs)
        {
            parts.Add(macs.ToString("N0", CultureInfo.InvariantCulture) + " MAC/px");
        }

        if (c.Training?.Steps is { } steps)
        {
            parts.Add($"{steps.ToString(CultureInfo.InvariantCulture)} training steps");
        }

        parts.Add($"{Session.Provider}, tile {s.Tile ?? RunSettings.DefaultTileSize}");
        if (s.Passes > 1)
        {
            parts.Add($"self-ensemble of {s.Passes} flips/turns");
        }

        return string.Join(", ", parts);
    }

    public void Dispose() => Session.Dispose();
}
