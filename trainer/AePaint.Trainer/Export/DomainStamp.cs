using System.CommandLine;
using System.Globalization;
using AePaint.ImageFiles;
using AePaint.Imaging;
using AePaint.Inference;
using AePaint.Inference.Embedding;
using AePaint.OnnxFormat;
using AePaint.Trainer.Data;
using AePaint.Trainer.Training;

namespace AePaint.Trainer.Export;

/// <summary>
/// At export: measures the training photos' domain (<see cref="DomainMeasurement"/>: embedding centroid and spread)
/// with an installed embedder and writes it into the exported model's card, so `-m auto` can choose the model.
/// Without an embedder the card simply has no domain (`aepaint models embed` adds it later).
/// </summary>
internal static class DomainStamp
{
    public const string None = "none";

    /// <summary>The flag, shared by `denoise`, `sr` and `export`.</summary>
    public static readonly Option<string?> EmbedderOption = new("--embedder")
    {
        Description = "Embedder (task embed) that measures the training photos' domain into the card at export, for -m auto (default: the installed one, if any; none = skip)",
    };

    /// <summary>As <see cref="Apply"/>, with the data folders and exclusions of the run that wrote <paramref name="checkpoint"/>.</summary>
    public static void ApplyForCheckpoint(string onnxPath, string checkpoint, string? embedder, TextWriter log)
    {
        var options = TrainOptions.FromStored(Checkpoint.Load(checkpoint, null, null).OptionsJson, checkpoint);
        Apply(onnxPath, embedder, options.Data.Folders, options.Data.Exclude, log);
    }

    public static void Apply(string onnxPath, string? embedder, IReadOnlyList<string> data, IReadOnlyList<string> exclude, TextWriter log)
    {
        if (string.Equals(embedder, None, StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        var path = DomainMeasurement.FindEmbedder(ModelCatalog.Default(), embedder);
        if (path is null)
        {
            log.WriteLine("domain: no embedder installed, so the card has no training domain (train one with `aepaint-train embed`; add it later with `aepaint models embed`)");
            return;
        }

        using var session = ModelSession.Open(path, ExecutionDevice.Cpu);
        if (session.Card.Task != Inference.Cards.ModelTask.Embed)
        {
            throw new TrainerException($"--embedder {embedder}: {session.Card.Name} is not an embedder");
        }

        var photos = data.Where(Directory.Exists).SelectMany(PhotoFolderScan.FindPhotos).ToList();
        photos = PhotoFolderScan.ApplyExclusions(photos, exclude, null).Kept;
        var names = string.Join(", ", data.Select(d => Path.GetFileName(Path.TrimEndingDirectorySeparator(d))));
        var domain = DomainMeasurement.Measure(session, photos, TryLoad, names);
        var proto = OnnxModelFile.Read(onnxPath);
        var card = OnnxModelFile.GetCard(proto, onnxPath) ?? throw new TrainerException($"{onnxPath}: no embedded card to add the domain to");
        OnnxModelFile.WriteWithCard(proto, card with { Domain = domain }, onnxPath);
        log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"domain: {domain.Photos} training photos embedded with {domain.Embedder} {domain.EmbedderHash} (spread {domain.Spread:G4}) → card of {Path.GetFileName(onnxPath)}"));
    }

    private static Bgra8Image? TryLoad(string path)
    {
        try
        {
            return ImageFile.Load(path);
        }
        catch (ImageFileException)
        {
            return null; // the training run already reported unreadable photos
        }
    }
}
