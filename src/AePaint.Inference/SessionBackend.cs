using Microsoft.ML.OnnxRuntime;

namespace AePaint.Inference;

/// <summary>
/// Where ONNX Runtime sessions come from and how they run: the real runtime (<see cref="Current"/> by default) or, in
/// tests, one that fails the way a broken install or a struggling graphics card does (onnxruntime.dll missing or for
/// another processor, DirectML too old, out of memory, device removed, ...).
/// </summary>
public class SessionBackend
{
    /// <summary>The process's backend; tests replace it and put the default back.</summary>
    public static SessionBackend Current { get; set; } = new();

    /// <summary>A CPU session. Throws what .NET throws when onnxruntime itself cannot be loaded (see <see cref="NativeLoadFailure"/>).</summary>
    /// <param name="tuning">Only for measurements (`aepaint bench`): threads, spinning, profiler; null = what every host uses.</param>
    public virtual InferenceSession CreateCpu(byte[] model, CpuTuning? tuning = null)
    {
        using var options = new SessionOptions
        {
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            IntraOpNumThreads = tuning?.Threads ?? Environment.ProcessorCount,
            InterOpNumThreads = 1,
        };
        if (tuning?.Spinning is { } spin)
        {
            options.AddSessionConfigEntry("session.intra_op.allow_spinning", spin ? "1" : "0");
        }

        if (tuning?.ProfilePrefix is { } prefix)
        {
            options.ProfileOutputPathPrefix = prefix; // before EnableProfiling, which passes the prefix to ONNX Runtime
            options.EnableProfiling = true;
        }

        return new InferenceSession(model, options);
    }

    /// <summary>
    /// A DirectML session on the default adapter; <paramref name="device"/> names the adapter and the DirectML version.
    /// The DirectML build first loads the bundled DirectML.dll by full path (<see cref="DirectMLLibrary"/>), so
    /// onnxruntime does not pick up an older system copy. Throws when the GPU cannot be used.
    /// </summary>
    public virtual InferenceSession CreateGpu(byte[] model, out string device)
    {
        string directML = "DirectML";
        if (ExecutionDevices.DirectMLBuild)
        {
            // The plugin's folder (Paint.NET loads plugins from Effects\AePaint), then the app's (the CLI).
            var dml = DirectMLLibrary.EnsureLoaded(Path.GetDirectoryName(typeof(SessionBackend).Assembly.Location) ?? AppContext.BaseDirectory, AppContext.BaseDirectory);
            directML = $"DirectML {dml.Version}";
        }

        var options = new SessionOptions
        {
            // DirectML requires these two settings.
            EnableMemoryPattern = false,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
        };
        try
        {
            options.AppendExecutionProvider_DML(0);
            var session = new InferenceSession(model, options);
            device = $"{GpuAdapter.DefaultName() ?? "GPU 0"} ({directML})";
            return session;
        }
        finally
        {
            options.Dispose();
        }
    }

    /// <summary>Runs one input through <paramref name="session"/> (a session this backend created).</summary>
    public virtual IDisposableReadOnlyCollection<OrtValue> Run(InferenceSession session, RunOptions options, string inputName, OrtValue input, string outputName) =>
        session.Run(options, [inputName], [input], [outputName]);
}
