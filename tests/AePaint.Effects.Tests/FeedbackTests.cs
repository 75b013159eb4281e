using AePaint.Imaging;
using AePaint.Imaging.Png;
using AePaint.Inference;
using AePaint.TestSupport;

namespace AePaint.Effects.Tests;

/// <summary>Records what an effect asks of its host; each ability can be made to fail.</summary>
public sealed class RecordingHost : IEffectHost
{
    public List<string> Errors { get; } = [];

    public List<string> Notices { get; } = [];

    public List<Bgra8Image> Clipboard { get; } = [];

    public string? ClipboardFails { get; set; }

    public bool DialogsFail { get; set; }

    public void ShowError(EffectException error)
    {
        if (DialogsFail)
        {
            throw new InvalidOperationException("no dialog service");
        }

        Errors.Add(error.Message);
    }

    public void ShowNotice(string message, string details)
    {
        if (DialogsFail)
        {
            throw new InvalidOperationException("no dialog service");
        }

        Notices.Add(message);
    }

    public void SetClipboardImage(Bgra8Image image)
    {
        if (ClipboardFails != null)
        {
            throw new InvalidOperationException(ClipboardFails);
        }

        Clipboard.Add(image);
    }
}

public sealed class FeedbackTests(Models models) : IClassFixture<Models>, IDisposable
{
    private readonly TempDir _out = new();

    public void Dispose() => _out.Dispose();

    private EffectRun ToClipboard(bool savePng = false, int seed = 3)
    {
        var img = TestImages.Random(60, 40, seed: seed);
        var run = EffectRun.SuperResolution(
            new SuperResolutionSettings(models.Shuffle2, SuperResolutionOutput.Clipboard, ExecutionDevice.Cpu, SavePng: savePng),
            new MemorySource(img), new SelectionInfo(new Rect(5, 5, 20, 15), null), models.Sessions);
        run.Compute();
        return run;
    }

    [Fact]
    public void Each_run_is_claimed_once_across_render_threads()
    {
        var feedback = new RunFeedback(_out.Path);
        var run = ToClipboard();
        int claims = 0;
        Parallel.For(0, 64, new ParallelOptions { MaxDegreeOfParallelism = 4 }, _ =>
        {
            if (feedback.Claim(run))
            {
                Interlocked.Increment(ref claims);
            }
        });
        Assert.Equal(1, claims);
        Assert.True(feedback.Claim(ToClipboard())); // another run (new settings or selection) reports again
    }

    [Fact]
    public void Clipboard_gets_the_full_size_result_and_no_file_unless_asked()
    {
        var host = new RecordingHost();
        var run = ToClipboard();
        new RunFeedback(_out.Path).Deliver(run, host);
        var copied = Assert.Single(host.Clipboard);
        Assert.Same(run.FullSizeResult, copied);
        Assert.Equal((40, 30), (copied.Width, copied.Height));
        Assert.Empty(host.Errors);
        Assert.False(Directory.Exists(_out.Path) && Directory.EnumerateFiles(_out.Path).Any());
    }

    [Fact]
    public void Png_is_saved_once_per_distinct_result_and_reads_back_exactly()
    {
        var host = new RecordingHost();
        var feedback = new RunFeedback(Path.Combine(_out.Path, "new-folder"));
        var run = ToClipboard(savePng: true);
        feedback.Deliver(run, host);
        feedback.Deliver(ToClipboard(savePng: true), host); // the same result again (a preview re-render)
        var file = Assert.Single(Directory.GetFiles(feedback.PngFolder));
        Assert.Equal(RunFeedback.PngName(run.FullSizeResult!, 2), Path.GetFileName(file));
        Assert.StartsWith("aepaint-x2-40x30-", Path.GetFileName(file), StringComparison.Ordinal);
        Assert.Equal(run.FullSizeResult!.Data, PngCodec.Decode(File.ReadAllBytes(file)).Data);

        feedback.Deliver(ToClipboard(savePng: true, seed: 9), host); // a different result is a second file
        Assert.Equal(2, Directory.GetFiles(feedback.PngFolder).Length);
        Assert.Empty(host.Errors);
        Assert.Equal(3, host.Clipboard.Count);
    }

    [Fact]
    public void A_clipboard_failure_saves_the_png_and_says_where()
    {
        var host = new RecordingHost { ClipboardFails = "clipboard is locked by another program" };
        var feedback = new RunFeedback(_out.Path);
        feedback.Deliver(ToClipboard(), host);
        var file = Assert.Single(Directory.GetFiles(_out.Path));
        var error = Assert.Single(host.Errors);
        Assert.Equal($"The 40×30 result could not be put on the clipboard (clipboard is locked by another program). It was saved instead as {file}; open it with File › Open.", error);
    }

    [Fact]
    public void When_nothing_works_the_error_still_reaches_the_host()
    {
        var blocker = Path.Combine(_out.Path, "not-a-folder");
        File.WriteAllText(blocker, "a file where the PNG folder should be");
        var host = new RecordingHost { ClipboardFails = "no clipboard" };
        new RunFeedback(blocker).Deliver(ToClipboard(), host);
        Assert.StartsWith("The 40×30 result could not be put on the clipboard (no clipboard) nor saved as PNG in", Assert.Single(host.Errors), StringComparison.Ordinal);

        host.DialogsFail = true; // no dialog either: the effect fails with the same plain words
        var e = Assert.Throws<EffectException>(() => new RunFeedback(blocker).Deliver(ToClipboard(), host));
        Assert.Contains("could not be put on the clipboard", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Png_failure_with_a_working_clipboard_is_reported_too()
    {
        var blocker = Path.Combine(_out.Path, "file");
        File.WriteAllText(blocker, "x");
        var host = new RecordingHost();
        new RunFeedback(blocker).Deliver(ToClipboard(savePng: true), host);
        Assert.Single(host.Clipboard);
        Assert.StartsWith("The 40×30 result is on the clipboard (Edit › Paste into New Image), but it could not be saved as PNG", Assert.Single(host.Errors), StringComparison.Ordinal);
    }

    [Fact]
    public void The_gpu_fallback_notice_is_shown_once_per_process_and_never_fails_the_effect()
    {
        var img = TestImages.Random(32, 32);
        EffectRun Gpu(int strength)
        {
            var run = EffectRun.Denoise(new DenoiseSettings(models.Box, StrengthPercent: strength, Device: ExecutionDevice.Gpu), new MemorySource(img), SelectionInfo.WholeLayer(32, 32), models.Sessions);
            run.Compute();
            return run;
        }

        var host = new RecordingHost();
        var feedback = new RunFeedback(_out.Path);
        feedback.Deliver(Gpu(100), host);
        feedback.Deliver(Gpu(50), host);
        Assert.StartsWith("AePaint ran on the CPU because the GPU could not be used:", Assert.Single(host.Notices), StringComparison.Ordinal);
        Assert.Empty(host.Clipboard); // denoise has nothing for the clipboard

        new RunFeedback(_out.Path).Deliver(Gpu(70), new RecordingHost { DialogsFail = true }); // the result is fine: no throw
    }

    [Fact]
    public void A_failed_tile_is_filled_with_the_source_never_left_blank()
    {
        var img = TestImages.Random(40, 30);
        var run = EffectRun.Denoise(new DenoiseSettings(null), new MemorySource(img), SelectionInfo.WholeLayer(40, 30), models.Sessions);
        var tile = new byte[16 * 16 * 4];
        Assert.Throws<EffectException>(() => run.RenderTile(new Rect(30, 20, 16, 16), tile, 64));
        run.CopySource(new Rect(30, 20, 16, 16), tile, 64); // runs past the layer: only the inside is copied
        for (int y = 0; y < 10; y++)
        {
            Assert.True(img.Data.AsSpan((((20 + y) * 40) + 30) * 4, 40).SequenceEqual(tile.AsSpan(y * 64, 40)));
        }
    }
}
