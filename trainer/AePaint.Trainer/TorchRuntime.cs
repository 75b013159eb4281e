using System.Runtime.InteropServices;
using AePaint.Trainer.Training;
using TorchSharp;

namespace AePaint.Trainer;

/// <summary>
/// One place that loads TorchSharp's native backend, checks its convolution gradients (<see cref="ConvGradientCheck"/>),
/// sizes its thread pool and reports versions.
/// Loading throws (TorchSharp's own NotSupportedException/DllNotFoundException) when the native libraries cannot be
/// loaded; it is not caught here so that a broken install fails loudly.
/// </summary>
internal static class TorchRuntime
{
    private static readonly Lock Gate = new();
    private static TorchRuntimeInfo? info;
    private static ArithmeticCheck? probe;
    private static ArithmeticCheck? arithmetic;
    private static NetSpec? checkedNet;
    private static Func<torch.Tensor, torch.Tensor>? injectedFault;

    /// <summary>Loads the native backend (once) and sets the intra-op thread count (default: all cores).</summary>
    public static TorchRuntimeInfo Initialize(int? threads = null)
    {
        lock (Gate)
        {
            if (info is null)
            {
                if (OperatingSystem.IsLinux())
                {
                    // Load the app-local library ourselves first: on failure TorchSharp hides dlopen's reason and, as a
                    // fallback, copies all of libtorch (~500 MB) from the NuGet cache into <app>/cpu/ before giving up.
                    PreloadLinuxNativeLibrary();
                }

                torch.InitializeDeviceType(DeviceType.CPU);
                arithmetic = probe = ConvGradientCheck.Run(Environment.GetEnvironmentVariable(ConvGradientCheck.Variable));
            }

            torch.set_num_threads(Math.Max(1, threads ?? Environment.ProcessorCount));
            info = new TorchRuntimeInfo(
                torch.__version__,
                typeof(torch).Assembly.GetName().Version?.ToString() ?? "?",
                torch.cuda.is_available() ? "cuda" : "cpu",
                torch.get_num_threads(),
                LoadedNativeLibrary(),
                arithmetic!);
            return info;
        }
    }

    /// <summary>
    /// <see cref="Initialize"/>, then, given the <paramref name="net"/> to train, <see cref="NetGradientCheck"/>'s decision
    /// for it (once per net and process; the thread count is set first, as it picks kernels); refuses when the gradients
    /// are wrong even without oneDNN.
    /// </summary>
    public static TorchRuntimeInfo InitializeForTraining(int? threads = null, NetSpec? net = null)
    {
        var loaded = Initialize(threads);
        if (net is not null)
        {
            lock (Gate)
            {
                if (net != checkedNet)
                {
                    arithmetic = NetGradientCheck.Decide(probe!, net, injectedFault);
                    checkedNet = net;
                    info = info! with { Arithmetic = arithmetic };
                }

                loaded = info!;
            }
        }

        return loaded.Arithmetic.Sound
            ? loaded
            : throw new TrainerException($"refusing to train: {loaded.Arithmetic} (a model trained here would be garbage; try another machine or libtorch build)");
    }

    /// <summary>
    /// Tests: repeats the start-up check under <paramref name="setting"/> (as <see cref="ConvGradientCheck.Variable"/>)
    /// with an injected fault (null: none) and keeps its result for this process; the next net check starts from it
    /// and gets the same fault.
    /// </summary>
    internal static ArithmeticCheck Recheck(string? setting, Func<torch.Tensor, torch.Tensor>? fault)
    {
        Initialize();
        lock (Gate)
        {
            arithmetic = probe = ConvGradientCheck.Run(setting, fault);
            checkedNet = null;
            injectedFault = fault;
            info = info! with { Arithmetic = arithmetic };
            return arithmetic;
        }
    }

    /// <summary>The device training should use: CUDA when the CUDA backend is present and sees a GPU, else CPU.</summary>
    public static torch.Device DefaultDevice => torch.cuda.is_available() ? torch.CUDA : torch.CPU;

    /// <summary>dlopens libLibTorchSharp.so next to the app (if present); throws with the loader's reason if it fails.</summary>
    private static void PreloadLinuxNativeLibrary()
    {
        string[] candidates =
        [
            Path.Combine(AppContext.BaseDirectory, "runtimes", RuntimeInformation.RuntimeIdentifier, "native", "libLibTorchSharp.so"),
            Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native", "libLibTorchSharp.so"),
            Path.Combine(AppContext.BaseDirectory, "libLibTorchSharp.so"),
        ];
        string? path = candidates.FirstOrDefault(File.Exists);
        if (path is null)
        {
            return;   // not an app-local layout; let TorchSharp search as it does
        }

        try
        {
            NativeLibrary.Load(path);   // stays loaded; TorchSharp's own load then finds it
        }
        catch (DllNotFoundException e)
        {
            string hint = e.Message.Contains("GLIBCXX_", StringComparison.Ordinal)
                ? " The build should ship a copy with that libstdc++ version requirement marked weak: is " +
                  "trainer/build/TorchSharpGlibcxx.targets imported by this project? (see trainer/README.md)"
                : "";
            throw new InvalidOperationException($"TorchSharp's native library does not load: {e.Message}{hint}", e);
        }
    }

    /// <summary>Where the process loaded LibTorchSharp from (Linux: from /proc/self/maps), or null if unknown.</summary>
    public static string? LoadedNativeLibrary()
    {
        if (!RuntimeInformation.IsOSPlatform(OSPlatform.Linux) || !File.Exists("/proc/self/maps"))
        {
            return null;
        }

        foreach (string line in File.ReadLines("/proc/self/maps"))
        {
            int slash = line.IndexOf('/', StringComparison.Ordinal);
            if (slash >= 0 && line.EndsWith("/libLibTorchSharp.so", StringComparison.Ordinal))
            {
                return line[slash..];
            }
        }

        return null;
    }
}
