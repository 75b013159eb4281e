using Microsoft.ML.OnnxRuntime;

namespace AePaint.Inference;

/// <summary>Creates ONNX Runtime sessions for a device through <see cref="SessionBackend.Current"/>, falling back from DirectML to CPU with a reason.</summary>
internal static class SessionFactory
{
    public const string CpuProvider = "CPU";
    public const string DirectMLProvider = "DirectML";

    /// <summary>
    /// A session on the wanted device. GPU failures of any kind (the DirectML entry point missing from the CPU
    /// package, DirectML.dll missing or too old, no adapter, 887A0004 unsupported, driver faults) end in a CPU session
    /// plus the reason. When ONNX Runtime itself cannot load, throws <see cref="NativeLoadFailure"/> in plain words.
    /// </summary>
    public static InferenceSession Create(byte[] model, ExecutionDevice device, out string provider, out string? fallbackReason, out string deviceName)
    {
        var backend = SessionBackend.Current;
        fallbackReason = null;
        if (device != ExecutionDevice.Cpu)
        {
            try
            {
                var session = backend.CreateGpu(model, out deviceName);
                provider = DirectMLProvider;
                return session;
            }
            catch (Exception e) when (!OutOfMemory.IsOutOfMemory(e))
            {
                fallbackReason = DescribeGpuFailure(e);
            }
        }

        provider = CpuProvider;
        deviceName = CpuProvider;
        try
        {
            return backend.CreateCpu(model);
        }
        catch (Exception e) when (NativeLoadFailure.Find(e) is { } load)
        {
            throw NativeLoadFailure.Describe(load, Path.GetDirectoryName(typeof(SessionFactory).Assembly.Location) ?? AppContext.BaseDirectory);
        }
    }

    public static string DescribeGpuFailure(Exception e)
    {
        var msg = e.Message.Trim();
        return e switch
        {
            EntryPointNotFoundException => "this build of AePaint has no DirectML support (CPU-only ONNX Runtime): " + msg,
            GpuUnavailableException => msg,
            _ when NativeLoadFailure.Find(e) is { } load => $"the GPU runtime could not be loaded ({load.GetType().Name}: {load.Message.Trim()})",
            _ => $"GPU (DirectML) failed, using the CPU instead: {e.GetType().Name}: {msg}",
        };
    }
}
