using System.Diagnostics;
using AePaint.ImageFiles;
using AePaint.Inference;
using AePaint.Inference.Fallback;
using Spectre.Console;

namespace AePaint.Cli;

/// <summary>
/// Runs one model over a planned batch: load, run tiled through the fallback policy (a move to smaller tiles or the CPU
/// holds for the rest of the batch), save atomically, report each file.
/// </summary>
internal sealed class BatchJob(FallbackRun model, RunSettings settings, SaveOptions save, bool resume, CliConsole console, bool verbose = false)
{
    /// <summary>Processes every item; a bad file is reported and skipped. Exit code 0 only if all succeeded.</summary>
    public int Run(IReadOnlyList<BatchItem> items, CancellationToken cancel)
    {
        int failed = 0, done = 0, skipped = 0;
        foreach (var item in items)
        {
            cancel.ThrowIfCancellationRequested();
            if (resume && File.Exists(item.Output))
            {
                skipped++;
                continue;
            }

            try
            {
                ProcessOne(item, cancel);
                done++;
            }
            catch (Exception e) when (e is ImageFileException or ArgumentException)
            {
                failed++;
                console.Error.WriteLine("aepaint: error: " + (e is ImageFileException ? e.Message : $"{item.Input}: {e.Message}"));
            }
        }

        if (items.Count > 1 || skipped > 0)
        {
            console.Output.WriteLine($"{done} written, {skipped} skipped (--resume), {failed} failed, with {Path.GetFileName(model.Session.ModelPath)} on {model.Session.Provider}");
        }

        return failed == 0 ? 0 : 1;
    }

    private void ProcessOne(BatchItem item, CancellationToken cancel)
    {
        var loaded = ImageFile.LoadWithMetadata(item.Input);
        foreach (var w in loaded.Warnings)
        {
            console.Error.WriteLine($"aepaint: warning: {item.Input}: {w}");
        }

        var dir = Path.GetDirectoryName(item.Output)!;
        Directory.CreateDirectory(dir);
        var clock = Stopwatch.StartNew();
        var (image, report) = RunWithProgress(loaded, Path.GetFileName(item.Input), cancel);
        foreach (var w in ImageFile.Save(item.Output, image, loaded.Metadata, save with { Grayscale = loaded.SourceWasGray }))
        {
            console.Error.WriteLine($"aepaint: warning: {item.Output}: {w}");
        }

        double mp = loaded.Pixels.PixelCount / 1e6;
        string auto = report.Noise is { NothingToRemove: true } ? " (auto: nothing to remove)" : " (auto)";
        var sigma = report.Sigma is { } s ? $", σ {s:F1}{(report.SigmaEstimated ? auto : string.Empty)}" : string.Empty;
        console.Output.WriteLine($"{item.Input} → {item.Output}  ({loaded.Pixels.Width}×{loaded.Pixels.Height}{sigma}, {report.Tiles} tiles of {report.TileSize}, {clock.Elapsed.TotalSeconds:F1} s, {mp / report.Elapsed.TotalSeconds:F2} MP/s)");
        if (verbose && report.Noise is { } noise)
        {
            console.Output.WriteLine("  noise: " + noise.Describe());
            if (report.Sigma is { } told && told != noise.Sigma && SigmaRange.Of(model.Session.Card) is { } range)
            {
                console.Output.WriteLine($"  noise: auto σ {noise.Sigma:F1} is outside {range}, what {model.Session.Card.Name} was trained for: it was told {told:F1}");
            }
        }
    }

    private (AePaint.Imaging.Bgra8Image, RunReport) RunWithProgress(LoadedImage loaded, string label, CancellationToken cancel)
    {
        if (!console.ShowProgress)
        {
            return model.Run(loaded.Pixels, settings, null, cancel);
        }

        (AePaint.Imaging.Bgra8Image, RunReport) result = default;
        console.Ansi.Progress().Start(ctx =>
        {
            var task = ctx.AddTask(Markup.Escape(label));
            result = model.Run(loaded.Pixels, settings, p =>
            {
                task.MaxValue = p.Total;
                task.Value = p.Done;
            }, cancel);
        });
        return result;
    }
}
