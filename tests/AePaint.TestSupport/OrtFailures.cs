using System.Reflection;
using System.Runtime.InteropServices;
using Microsoft.ML.OnnxRuntime;

namespace AePaint.TestSupport;

/// <summary>
/// The exceptions a struggling graphics card or a full memory really raise, with the messages ONNX Runtime's CPU arena
/// and DirectML provider put in them (ONNX Runtime's exception has no public constructor: made by reflection).
/// </summary>
public static class OrtFailures
{
    /// <summary>ONNX Runtime's arena could not allocate a tensor (CPU or GPU).</summary>
    public static OnnxRuntimeException ArenaOutOfMemory() => Ort(
        "Non-zero status code returned while running Conv node. Name:'/body/conv1/Conv' Status Message: "
        + "bfc_arena.cc:376 onnxruntime::BFCArena::AllocateRawInternal Failed to allocate memory for requested buffer of size 1073741824");

    /// <summary>DirectML: the graphics card was removed or reset (TDR) while a node ran.</summary>
    public static OnnxRuntimeException DeviceRemoved() => Ort(
        "Non-zero status code returned while running Conv node. Name:'/body/conv1/Conv' Status Message: "
        + "DmlExecutionProvider\\src\\ExecutionProvider.cpp(623)\\onnxruntime.dll: Exception(3) 887A0005 "
        + "The GPU device instance has been suspended. Use GetDeviceRemovedReason to determine the appropriate action.");

    /// <summary>D3D12 device hung (a COM failure with a DXGI HRESULT).</summary>
    public static COMException DeviceHung() => new("DXGI_ERROR_DEVICE_HUNG", unchecked((int)0x887A0006));

    private static OnnxRuntimeException Ort(string message)
    {
        var ctor = typeof(OnnxRuntimeException).GetConstructors(BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public)
            .Single(c => c.GetParameters() is [{ ParameterType.IsEnum: true }, { ParameterType: var t }] && t == typeof(string));
        var code = Enum.ToObject(ctor.GetParameters()[0].ParameterType, 6); // ORT_RUNTIME_EXCEPTION
        return (OnnxRuntimeException)ctor.Invoke([code, message]);
    }
}
