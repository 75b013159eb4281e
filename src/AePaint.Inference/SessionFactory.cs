using AePaint.Inference.Fallback;
using Microsoft.ML.OnnxRuntime;

namespace AePaint.Inference;

/// <summary>
/// Creates ONNX Runtime sessions for a device through <see cref="SessionBackend.Current"/>; when DirectML cannot load the
/// model, <see cref="FallbackPolicy"/> decides whether the CPU is used instead and words the reason.
/// </summary>
internal static class SessionFactory
{
    public const string CpuProvider = "CPU";
    public const string DirectMLProvider = "DirectML";

    /// <summary>
    /// A session on the wanted device. GPU failures the policy sends to the CPU (the DirectML entry point missing from
    /// the CPU package, DirectML.dll missing or too old, no adapter, 887A0004 unsupported, driver faults, out of memory)
    /// end in a CPU session plus the reason. When ONNX Runtime itself cannot load, throws <see cref="NativeLoadFailure"/>
    /// in plain words.
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
            catch (Exception e) when (FallbackPolicy.Default.Classify(e, onGpu: true, canShrink: false) == FailureAction.RetryOnCpu)
            {
                fallbackReason = FallbackPolicy.Default.DescribeGpuFailure(e);
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
}
