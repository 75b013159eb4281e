using AePaint.ImageFiles;
using AePaint.Inference;
using AePaint.Inference.Cards;
using AePaint.Inference.Embedding;

namespace AePaint.Cli.Commands;

/// <summary>
/// `aepaint denoise|upscale -m auto`: each image gets the model trained on its camera's noise (EXIF camera and ISO in a
/// card's range), else the installed model whose training domain is nearest to it
/// (<see cref="AutoPicker"/>); the choice and its reason are printed per image, then each model runs over its images.
/// </summary>
internal static class AutoRestore
{
    public static int Run(ModelCatalog catalog, ModelTask task, int scale, IReadOnlyList<BatchItem> items, BatchJobSettings job, CliConsole console, CancellationToken cancel)
    {
        var picker = AutoPicker.FromCatalog(catalog.List(), task, scale);
        var groups = new Dictionary<string, List<BatchItem>>(StringComparer.Ordinal);
        if (picker.Embedder is null && !picker.HasCameraModels)
        {
            var pick = picker.Choose(null);
            console.Output.WriteLine($"{pick.Message} — for every image");
            groups[pick.Path] = [.. items];
        }
        else
        {
            using var embedders = new ModelSessionCache();
            foreach (var item in items)
            {
                cancel.ThrowIfCancellationRequested();
                if (job.Resume && File.Exists(item.Output))
                {
                    Add(groups, picker.General.Path, item); // skipped by the batch anyway: no need to embed it
                    continue;
                }

                AutoPick pick;
                try
                {
                    var camera = picker.HasCameraModels ? CameraInfo.Read(item.Input) : CameraInfo.None;
                    pick = picker.ForCamera(new ShotInfo(camera.Camera, camera.Iso))
                        ?? picker.Pick(ImageFile.Load(item.Input), path => embedders.Get(path, ExecutionDevice.Cpu), cancel);
                }
                catch (ImageFileException)
                {
                    Add(groups, picker.General.Path, item); // the batch reports the file's problem in its own words
                    continue;
                }

                console.Output.WriteLine($"{item.Input}: {pick.Message}");
                Add(groups, pick.Path, item);
            }
        }

        var cards = catalog.List().Where(e => e.Card is not null).DistinctBy(e => e.Path, StringComparer.Ordinal).ToDictionary(e => e.Path, e => e.Card!, StringComparer.Ordinal);
        foreach (var path in groups.Keys.Where(cards.ContainsKey))
        {
            RestoreCommand.CheckSigma(cards[path], job.Run); // before any group writes
        }

        int exit = 0;
        foreach (var (path, group) in groups)
        {
            using var sessions = new ModelSessionCache();
            var model = CliFallback.Start(path, job.Device, job.Run.TileSize, sessions, console);
            RestoreCommand.CheckTask(model.Session.Card, task, scale, path);
            exit = Math.Max(exit, new BatchJob(model, job.Run, job.Save, job.Resume, console, job.Verbose).Run(group, cancel));
        }

        return exit;
    }

    private static void Add(Dictionary<string, List<BatchItem>> groups, string path, BatchItem item)
    {
        if (!groups.TryGetValue(path, out var list))
        {
            groups[path] = list = [];
        }

        list.Add(item);
    }
}
