using AePaint.Imaging;
using AePaint.Inference;
using AePaint.TestSupport;

namespace AePaint.Effects.Tests;

public sealed class ErrorTests(Models models) : IClassFixture<Models>
{
    private static readonly Bgra8Image Img = TestImages.Random(40, 30);

    private EffectRun Denoise(string? model, ExecutionDevice device = ExecutionDevice.Cpu) =>
        EffectRun.Denoise(new DenoiseSettings(model, Device: device), new MemorySource(Img), SelectionInfo.WholeLayer(40, 30), models.Sessions);

    [Fact]
    public void Missing_model_file_is_a_plain_message_on_every_tile()
    {
        var run = Denoise(Path.Combine(models.Folder, "gone.onnx"));
        var e1 = Assert.Throws<EffectException>(() => run.RenderTile(new Rect(0, 0, 10, 10), new byte[400], 40));
        Assert.Contains("\"gone.onnx\" is missing", e1.Message, StringComparison.Ordinal);
        Assert.IsType<ModelLoadException>(e1.InnerException);
        var e2 = Assert.Throws<EffectException>(() => run.RenderTile(new Rect(10, 0, 10, 10), new byte[400], 40));
        Assert.Same(e1, e2); // never a silent blank tile after the first failure
    }

    [Fact]
    public void No_model_installed()
    {
        var e = Assert.Throws<EffectException>(() => Denoise(null).Compute());
        Assert.StartsWith("No denoise model is installed", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Wrong_kind_of_model()
    {
        var e = Assert.Throws<EffectException>(() => Denoise(models.Shuffle2).Compute());
        Assert.Contains("is a SuperResolution model", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Gpu_request_on_the_cpu_build_falls_back_and_says_why()
    {
        var run = Denoise(models.Box, ExecutionDevice.Gpu);
        run.Compute();
        Assert.NotNull(run.Notice);
        Assert.StartsWith("AePaint ran on the CPU because the GPU could not be used:", run.Notice, StringComparison.Ordinal);
        var cpu = Denoise(models.Box);
        cpu.Compute();
        Assert.Null(cpu.Notice);
    }

    [Fact]
    public void Out_of_memory_and_runtime_failures_map_to_plain_words()
    {
        var oom = EffectErrors.Describe(new InvalidOperationException("wrap", new OutOfMemoryException()), "DirectML failed: 887A0004", new Rect(0, 0, 8000, 6000));
        Assert.StartsWith("Not enough memory to process 8000×6000 pixels", oom.Message, StringComparison.Ordinal);
        Assert.Contains("The GPU was not used: DirectML failed: 887A0004", oom.Message, StringComparison.Ordinal);
        var other = EffectErrors.Describe(new InvalidOperationException("line one\nline two"));
        Assert.Equal("The AI model failed while running: InvalidOperationException: line one", other.Message);
        var arg = EffectErrors.Describe(new ArgumentException("Model 'g' takes 1-channel (gray) images.", "input"));
        Assert.Equal("Model 'g' takes 1-channel (gray) images.", arg.Message);
    }

    [Fact]
    public void DirectML_failures_say_so()
    {
        var hung = new System.Runtime.InteropServices.COMException("DXGI_ERROR_DEVICE_HUNG\nat somewhere", unchecked((int)0x887A0006));
        Assert.Equal(
            "The graphics card (DirectML) failed while running the AI model: DXGI_ERROR_DEVICE_HUNG. Set Device to CPU and try again; updating the graphics driver may also help.",
            EffectErrors.Describe(new InvalidOperationException("run failed", hung)).Message);
        Assert.StartsWith("The graphics card (DirectML) failed", EffectErrors.Describe(new InvalidOperationException("Non-zero status code returned while running DmlExecutionProvider node")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_selection_is_reported()
    {
        var run = EffectRun.Denoise(new DenoiseSettings(models.Box), new MemorySource(Img), new SelectionInfo(new Rect(100, 100, 5, 5), null), models.Sessions);
        Assert.Contains("selection is empty", Assert.Throws<EffectException>(() => run.Compute()).Message, StringComparison.Ordinal);
    }
}

public sealed class ReuseTests(Models models) : IClassFixture<Models>
{
    [Fact]
    public void A_run_serves_equal_settings_on_the_same_selection_but_not_after_a_failure()
    {
        var img = TestImages.Random(40, 30);
        var settings = new DenoiseSettings(models.Box, StrengthPercent: 60);
        var sel = new SelectionInfo(new Rect(0, 0, 40, 30), null);
        var run = EffectRun.Denoise(settings, new MemorySource(img), sel, models.Sessions);
        Assert.True(run.Serves(settings with { }, sel));
        Assert.False(run.Serves(settings with { StrengthPercent = 61 }, sel));
        Assert.False(run.Serves(settings, new SelectionInfo(new Rect(1, 0, 39, 30), null)));
        Assert.False(run.Serves(new SuperResolutionSettings(models.Box), sel));

        var broken = EffectRun.Denoise(settings with { ModelPath = "/nonexistent/m.onnx" }, new MemorySource(img), sel, models.Sessions);
        Assert.Throws<EffectException>(() => broken.Compute());
        Assert.False(broken.Serves(settings with { ModelPath = "/nonexistent/m.onnx" }, sel));
    }
}
