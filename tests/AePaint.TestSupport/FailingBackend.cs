using AePaint.Inference;
using Microsoft.ML.OnnxRuntime;

namespace AePaint.TestSupport;

/// <summary>
/// A <see cref="SessionBackend"/> whose "graphics card" is the real CPU runtime under a GPU's name, and whose runs fail
/// as <paramref name="fail"/> says: given the device ("GPU" or "CPU"), the window's side in pixels and the number of runs
/// so far on that device, the exception to throw, or null to run for real. Set it as <see cref="SessionBackend.Current"/>
/// in a test collection that runs alone; put the default back after.
/// </summary>
public sealed class FailingBackend(Func<string, int, int, Exception?> fail, Exception? gpuLoadFailure = null) : SessionBackend
{
    private readonly HashSet<InferenceSession> _gpu = [];
    private readonly List<string> _runs = [];

    public const string GpuName = "Test GPU (DirectML 1.15.4)";

    /// <summary>Every run and how it ended: "GPU 128 ok", "GPU 512 OnnxRuntimeException", in order.</summary>
    public IReadOnlyList<string> Runs
    {
        get
        {
            lock (_runs)
            {
                return [.. _runs];
            }
        }
    }

    public override InferenceSession CreateGpu(byte[] model, out string device)
    {
        if (gpuLoadFailure is not null)
        {
            throw gpuLoadFailure;
        }

        device = GpuName;
        var session = CreateCpu(model);
        lock (_runs)
        {
            _gpu.Add(session);
        }

        return session;
    }

    public override IDisposableReadOnlyCollection<OrtValue> Run(InferenceSession session, RunOptions options, string inputName, OrtValue input, string outputName)
    {
        var shape = input.GetTensorTypeAndShape().Shape;
        int side = (int)Math.Max(shape[2], shape[3]);
        Exception? failure;
        lock (_runs)
        {
            string device = _gpu.Contains(session) ? "GPU" : "CPU";
            failure = fail(device, side, _runs.Count(r => r.StartsWith(device, StringComparison.Ordinal)));
            _runs.Add($"{device} {side} {(failure is null ? "ok" : failure.GetType().Name)}");
        }

        return failure is null ? base.Run(session, options, inputName, input, outputName) : throw failure;
    }
}
