using AePaint.Effects;
using AePaint.Imaging;
using AePaint.Inference;
using AePaint.TestSupport;
using Microsoft.ML.OnnxRuntime;
using PaintDotNet.PropertySystem;

namespace AePaint.PaintDotNet.Tests;

/// <summary>
/// An install whose native parts do not load (onnxruntime.dll missing/blocked, for another processor, of another
/// version; DirectML.dll missing or too old), injected through <see cref="SessionBackend"/>: nothing escapes into
/// Paint.NET, the user is told once in plain words, and the CPU is used where it can work.
/// </summary>
[Collection(PluginState.Name)]
public sealed class LoadFailureTests : IDisposable
{
    private readonly TempDir _models = new();

    public LoadFailureTests()
    {
        TestModels.BoxBlur(_models.Path, layers: 2);
        PluginModels.Catalog = () => new ModelCatalog([_models.Path]);
        PluginModels.Reset();
        PluginModels.Sessions.Dispose(); // sessions made with the real runtime by other tests must not hide the failure
        PluginModels.Feedback = new RunFeedback(_models.File("png"));
    }

    public void Dispose()
    {
        SessionBackend.Current = new SessionBackend();
        DirectMLLibrary.ResetForTests();
        PluginModels.Sessions.Dispose();
        PluginModels.Catalog = () => ModelCatalog.Default();
        PluginModels.Reset();
        PluginModels.Feedback = new RunFeedback(RunFeedback.DefaultPngFolder());
        _models.Dispose();
    }

    private static Bgra8Image Photo() => TestImages.Random(80, 48, seed: 3);

    public static TheoryData<string, string> RuntimeFailures => new()
    {
        { "missing", "onnxruntime.dll is missing from AePaint's folder or was blocked" },
        { "architecture", "built for another kind of processor" },
        { "version", "does not match the ONNX Runtime version" },
    };

    [Theory]
    [MemberData(nameof(RuntimeFailures))]
    public void Onnx_runtime_that_cannot_load_is_told_once_and_the_layer_stays(string kind, string expected)
    {
        Exception load = kind switch
        {
            "missing" => new DllNotFoundException("Unable to load DLL 'onnxruntime' or one of its dependencies"),
            "architecture" => new BadImageFormatException("An attempt was made to load a program with an incorrect format. (0x8007000B)"),
            _ => new EntryPointNotFoundException("Unable to find an entry point named 'OrtGetApiBase' in DLL 'onnxruntime'"),
        };
        var thrown = new TypeInitializationException("Microsoft.ML.OnnxRuntime.NativeMethods", load);
        SessionBackend.Current = new FakeBackend(cpu: _ => throw thrown, gpu: _ => throw thrown);

        var dialog = new FakeHost(new AiDenoiseEffect(), Photo()); // opening the dialog lists models without the runtime
        Assert.Contains("box2", ((StaticListChoiceProperty)dialog.Properties.First()).ValueChoices);
        dialog.SetToken(dialog.Token());
        var result = dialog.Render(tile: 16);

        var shown = Assert.Single(dialog.Services.Dialogs!.Shown);
        Assert.StartsWith("AePaint cannot start its AI engine: ", shown.Message, StringComparison.Ordinal);
        Assert.Contains(expected, shown.Message, StringComparison.Ordinal);
        Assert.Equal(dialog.Layer.Data, result.Data);
    }

    [Theory]
    [InlineData("old", "is DirectML 1.8.0.0; AePaint needs 1.15.0 or newer")]
    [InlineData("missing", "DirectML.dll is missing from")]
    [InlineData("shadowed", "was already loaded into Paint.NET")]
    [InlineData("unloadable", "could not be loaded")]
    public void Gpu_runtime_problems_fall_back_to_the_cpu_and_say_why(string kind, string expected)
    {
        var dir = _models.File("plugin-" + kind);
        Directory.CreateDirectory(dir);
        if (kind != "missing")
        {
            File.WriteAllText(Path.Combine(dir, DirectMLLibrary.FileName), "a DirectML build");
        }

        DirectMLLibrary.FileVersion = _ => kind == "old" ? new Version(1, 8, 0, 0) : new Version(1, 15, 4, 0);
        DirectMLLibrary.ModuleForName = () => kind == "shadowed" ? @"C:\Windows\System32\DirectML.dll" : Path.Combine(dir, DirectMLLibrary.FileName);
        DirectMLLibrary.Load = path => kind == "unloadable" ? throw new DllNotFoundException($"{path}: the specified module could not be found") : IntPtr.Zero;
        var loads = 0;
        SessionBackend.Current = new FakeBackend(cpu: null, gpu: _ =>
        {
            loads++;
            DirectMLLibrary.EnsureLoaded(dir);
            throw new InvalidOperationException("not reached in these cases");
        });

        var host = new FakeHost(new AiDenoiseEffect(), Photo());
        host.SetToken(host.Token(t => t.Required<StaticListChoiceProperty>(Choices.DeviceProp).Value = "GPU"));
        var result = host.Render(tile: 16);

        Assert.Equal(1, loads);
        var notice = Assert.Single(host.Services.Dialogs!.Shown);
        Assert.StartsWith("AePaint ran on the CPU because the GPU could not be used:", notice.Message, StringComparison.Ordinal);
        Assert.Contains(expected, notice.Message, StringComparison.Ordinal);
        Assert.NotEqual(host.Layer.Data, result.Data); // the CPU really ran the model
    }

    [Fact]
    public void Our_directml_is_loaded_once_by_full_path_from_the_plugin_folder()
    {
        var plugin = _models.File("plugin");
        Directory.CreateDirectory(plugin);
        var dll = Path.Combine(plugin, DirectMLLibrary.FileName);
        File.WriteAllText(dll, "a DirectML build");
        var loaded = new List<string>();
        DirectMLLibrary.FileVersion = _ => new Version(1, 15, 4, 0);
        DirectMLLibrary.Load = path =>
        {
            loaded.Add(path);
            return IntPtr.Zero;
        };
        DirectMLLibrary.ModuleForName = () => loaded.LastOrDefault();

        var info = DirectMLLibrary.EnsureLoaded(_models.File("elsewhere"), plugin);
        Assert.Equal(dll, info.Path);
        Assert.Equal(new Version(1, 15, 4, 0), info.Version);
        Assert.Same(info, DirectMLLibrary.EnsureLoaded(plugin));
        Assert.Equal([dll], loaded);
    }

    [Fact]
    public void The_graphics_card_that_ran_is_named_once()
    {
        SessionBackend.Current = new FakeBackend(cpu: null, gpu: model => new SessionBackend().CreateCpu(model), gpuName: "Test GPU (DirectML 1.15.4)");
        var host = new FakeHost(new AiDenoiseEffect(), Photo());
        host.SetToken(host.Token(t => t.Required<StaticListChoiceProperty>(Choices.DeviceProp).Value = "GPU"));
        host.Render(tile: 16);
        host.SetToken(host.Token(t =>
        {
            t.Required<StaticListChoiceProperty>(Choices.DeviceProp).Value = "GPU";
            t.Required<Int32Property>(AiDenoiseEffect.StrengthProp).Value = 50;
        }));
        host.Render(tile: 16);
        var notice = Assert.Single(host.Services.Dialogs!.Shown);
        Assert.Equal("AePaint ran on the graphics card: Test GPU (DirectML 1.15.4).", notice.Message);
    }

    [Fact]
    public void Opening_a_dialog_reads_cards_only_and_a_render_opens_the_one_session_settings_changes_keep()
    {
        var host = new FakeHost(new AiDenoiseEffect(), Photo());
        host.Effect.StandInCreateConfigUI(host.Properties);
        host.SetToken(host.Token());
        Assert.Equal(0, PluginModels.Sessions.Count);

        host.Render(tile: 16);
        Assert.Equal(1, PluginModels.Sessions.Count);
        host.SetToken(host.Token(t => t.Required<Int32Property>(AiDenoiseEffect.StrengthProp).Value = 50));
        host.Render(tile: 16);
        Assert.Equal(1, PluginModels.Sessions.Count);
    }

    [Fact]
    public void A_token_without_a_control_is_a_plain_error_not_a_null_reference()
    {
        var host = new FakeHost(new AiDenoiseEffect(), Photo());
        host.SetToken(new global::PaintDotNet.Effects.PropertyBasedEffectConfigToken(host.Properties.Without(AiDenoiseEffect.StrengthProp)));
        var result = host.Render(tile: 16);
        var shown = Assert.Single(host.Services.Dialogs!.Shown);
        Assert.Contains($"no \"{AiDenoiseEffect.StrengthProp}\" control", shown.Message, StringComparison.Ordinal);
        Assert.Equal(host.Layer.Data, result.Data);
    }

    /// <summary>The real CPU runtime unless <paramref name="cpu"/> replaces it; the GPU path as given.</summary>
    private sealed class FakeBackend(Func<byte[], InferenceSession>? cpu, Func<byte[], InferenceSession> gpu, string gpuName = "fake GPU") : SessionBackend
    {
        public override InferenceSession CreateCpu(byte[] model, CpuTuning? tuning = null) => cpu is null ? base.CreateCpu(model, tuning) : cpu(model);

        public override InferenceSession CreateGpu(byte[] model, out string device)
        {
            device = gpuName;
            return gpu(model);
        }
    }
}
