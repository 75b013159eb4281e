using Microsoft.ML.OnnxRuntime;

namespace AePaint.Inference;

/// <summary>Creates ONNX Runtime sessions for a device, falling back from DirectML to CPU with a reason.</summary>
internal static class SessionFactory
{
    public const string CpuProvider = "CPU";
    public const string DirectMLProvider = "DirectML";

    /// <summary>
    /// A session on the wanted device. GPU failures of any kind (the DirectML entry point missing from the CPU
    /// package, no adapter, 887A0004 unsupported, driver faults) end in a CPU session plus the reason.
    /// </summary>
    public static InferenceSession Create(byte[] model, ExecutionDevice device, out string provider, out string? fallbackReason)
    {
        fallbackReason = null;
        if (device != ExecutionDevice.Cpu)
        {
            SessionOptions? options = null;
            try
            {
                options = GpuOptions();
                var session = new InferenceSession(model, options);
                provider = DirectMLProvider;
                return session;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                fallbackReason = DescribeGpuFailure(e);
            }
            finally
            {
                options?.Dispose();
            }
        }

        provider = CpuProvider;
        return CreateCpu(model);
    }

    public static string DescribeGpuFailure(Exception e)
    {
        var msg = e.Message.Trim();
        if (e is EntryPointNotFoundException)
        {
            return "this build of AePaint has no DirectML support (CPU-only ONNX Runtime): " + msg;
        }

        return $"GPU (DirectML) failed, using the CPU instead: {e.GetType().Name}: {msg}";
    }

    private static SessionOptions GpuOptions()
    {
        var o = new SessionOptions
        {
            // DirectML requires these two settings.
            EnableMemoryPattern = false,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
        };
        try
        {
            o.AppendExecutionProvider_DML(0);
        }
        catch
        {
            o.Dispose();
            throw;
        }

        return o;
    }

    /// <summary>The CPU session every host uses; <paramref name="tuning"/> only for measurements.</summary>
    public static InferenceSession CreateCpu(byte[] model, CpuTuning? tuning = null)
    {
        using var cpu = CpuOptions(tuning);
        return new InferenceSession(model, cpu);
    }

    private static SessionOptions CpuOptions(CpuTuning? tuning = null)
    {
        var o = new SessionOptions
        {
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            IntraOpNumThreads = tuning?.Threads ?? Environment.ProcessorCount,
            InterOpNumThreads = 1,
        };
        if (tuning?.Spinning is { } spin)
        {
            o.AddSessionConfigEntry("session.intra_op.allow_spinning", spin ? "1" : "0");
        }

        if (tuning?.ProfilePrefix is { } prefix)
        {
            o.ProfileOutputPathPrefix = prefix; // before EnableProfiling, which passes the prefix to ONNX Runtime
            o.EnableProfiling = true;
        }

        return o;
    }
}
