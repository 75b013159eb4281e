using System.CommandLine;
using System.Globalization;
using AePaint.ImageFiles;
using AePaint.Inference;
using AePaint.Inference.Cards;
using AePaint.Inference.Embedding;
using AePaint.OnnxFormat;

namespace AePaint.Cli.Commands;

/// <summary>
/// `aepaint models embed &lt;model&gt; --data &lt;photos&gt;`: measures the model's training domain (embedding centroid and
/// spread of those photos) with an installed embedder and writes it into the model's card (embedded + sidecar, each
/// replaced atomically), so `-m auto` and the plugin's Auto entry can choose the model.
/// </summary>
internal static class ModelEmbed
{
    public static Command Create()
    {
        var model = new Argument<string>("model") { Description = "Model name or .onnx path whose card gets the domain" };
        var data = new Option<string[]>("--data", "-d") { Description = "The photos the model was trained on (folders, recursive; or files)", Required = true, AllowMultipleArgumentsPerToken = true };
        var embedder = new Option<string?>("--embedder") { Description = $"Embedder model (task embed); default: the installed one ({DomainMeasurement.DefaultEmbedderName} among several)" };
        var max = new Option<int>("--max-photos") { Description = "Photos embedded at most, evenly spaced over the sorted list", DefaultValueFactory = _ => DomainMeasurement.DefaultMaxPhotos };
        var modelsDir = new Option<string?>("--models-dir") { Description = "Look for models (and the embedder) only in this folder" };
        var cmd = new Command("embed", "Measure a model's training domain with an embedder and store it in its card (used by -m auto)") { model, data, embedder, max, modelsDir };
        cmd.SetAction((pr, ct) => Task.FromResult(Run(CliConsole.For(pr), pr.GetValue(model)!, pr.GetValue(data)!, pr.GetValue(embedder), pr.GetValue(max), pr.GetValue(modelsDir), ct)));
        return cmd;
    }

    public static int Run(CliConsole console, string nameOrPath, IReadOnlyList<string> data, string? embedderName, int maxPhotos, string? modelsDir, CancellationToken cancel)
    {
        if (maxPhotos < 1)
        {
            throw new CliException($"--max-photos {maxPhotos}: use a positive number");
        }

        var catalog = modelsDir is null ? ModelCatalog.Default() : new ModelCatalog([modelsDir]);
        var path = catalog.Resolve(nameOrPath);
        ModelCard card;
        using (var target = ModelSession.Open(path, ExecutionDevice.Cpu))
        {
            card = target.Card;
        }

        if (card.Task is ModelTask.Embed or ModelTask.Generate)
        {
            throw new CliException($"{path}: a {card.Task.ToString().ToLowerInvariant()} model has no use for a domain; give a denoise or super-resolution model");
        }

        var embedderPath = DomainMeasurement.FindEmbedder(catalog, embedderName)
            ?? throw new CliException($"no embedder (a model of task embed) in {string.Join(", ", catalog.Folders)}; train one with `aepaint-train embed --data <photos>` and install it, or pass --embedder");
        using var embedder = ModelSession.Open(embedderPath, ExecutionDevice.Cpu);
        if (embedder.Card.Task != ModelTask.Embed)
        {
            throw new CliException($"--embedder {embedderName}: {embedder.Card.Name} is a {embedder.Card.Task} model, not an embedder");
        }

        var photos = ListPhotos(data);
        var domain = DomainMeasurement.Measure(embedder, photos, p => TryLoad(p, console), string.Join(", ", data.Select(d => Path.GetFileName(Path.TrimEndingDirectorySeparator(d)))), maxPhotos, cancel);
        var proto = OnnxModelFile.Read(path);
        OnnxModelFile.WriteWithCard(proto, card with { Domain = domain }, path);
        console.Output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{path}: domain of {domain.Photos} photos ({photos.Count} found) with {domain.Embedder} {domain.EmbedderHash}: {domain.Dimensions} dimensions, spread {domain.Spread:G4}"));
        return 0;
    }

    /// <summary>Supported images under the folders (recursive) or given as files, sorted.</summary>
    public static IReadOnlyList<string> ListPhotos(IEnumerable<string> inputs)
    {
        var files = new List<string>();
        foreach (var input in inputs)
        {
            if (File.Exists(input))
            {
                files.Add(Path.GetFullPath(input));
            }
            else if (Directory.Exists(input))
            {
                files.AddRange(Directory.EnumerateFiles(input, "*", SearchOption.AllDirectories).Where(ImageFile.IsSupportedInput).Select(Path.GetFullPath).Order(StringComparer.Ordinal));
            }
            else
            {
                throw new CliException($"{input}: no such file or folder");
            }
        }

        return files.Count > 0 ? files : throw new CliException($"no photos (JPEG, PNG, WebP) in {string.Join(", ", inputs)}");
    }

    private static AePaint.Imaging.Bgra8Image? TryLoad(string path, CliConsole console)
    {
        try
        {
            return ImageFile.Load(path);
        }
        catch (ImageFileException e)
        {
            console.Error.WriteLine("aepaint: warning: skipped " + e.Message);
            return null;
        }
    }
}
