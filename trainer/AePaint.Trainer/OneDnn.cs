using System.Runtime.InteropServices;

namespace AePaint.Trainer;

/// <summary>
/// ATen's process-wide oneDNN (mkldnn) switch — Python's `torch.backends.mkldnn.enabled` — which TorchSharp 0.107 does
/// not expose: <c>at::globalContext().setUserEnabledMkldnn(bool)</c> and <c>userEnabledMkldnn()</c>, called through
/// libtorch_cpu's exported C++ symbols (Itanium names on Linux, MSVC names on Windows). On x64 both ABIs pass the
/// object as the first integer argument, so one delegate shape serves both. With the switch off, ATen's convolution
/// takes its own (slower) kernels instead of oneDNN's. Windows: names from the MSVC mangling scheme, untested here.
/// </summary>
internal static class OneDnn
{
    private static readonly Lazy<Api?> Exports = new(Bind);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate IntPtr GlobalContext();

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate void SetFlag(IntPtr context, [MarshalAs(UnmanagedType.U1)] bool enabled);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    [return: MarshalAs(UnmanagedType.U1)]
    private delegate bool GetFlag(IntPtr context);

    /// <summary>Whether the switch could be bound (libtorch loaded, symbols exported, x64).</summary>
    public static bool Switchable => Exports.Value is not null;

    /// <summary>ATen's user flag: true unless switched off (also true on a build without oneDNN, which then never uses it).</summary>
    public static bool Enabled
    {
        get => Exports.Value is not { } api || api.Get(api.Context);
        set
        {
            var api = Exports.Value ?? throw new InvalidOperationException("the oneDNN switch is not reachable: libtorch_cpu does not export at::Context::setUserEnabledMkldnn on this platform");
            api.Set(api.Context, value);
        }
    }

    private static Api? Bind()
    {
        if (RuntimeInformation.ProcessArchitecture != Architecture.X64)
        {
            return null; // other ABIs pass `this` differently; not needed for the x64 builds we ship
        }

        var (library, context, set, get) = OperatingSystem.IsWindows()
            ? ("torch_cpu.dll", "?globalContext@at@@YAAEAVContext@1@XZ", "?setUserEnabledMkldnn@Context@at@@QEAAX_N@Z", "?userEnabledMkldnn@Context@at@@QEBA_NXZ")
            : ("libtorch_cpu.so", "_ZN2at13globalContextEv", "_ZN2at7Context20setUserEnabledMkldnnEb", "_ZNK2at7Context17userEnabledMkldnnEv");

        // Already loaded by TorchSharp (callers initialise it first): by name, the loader returns that same copy.
        if (!NativeLibrary.TryLoad(library, out var handle)
            && !(TorchRuntime.LoadedNativeLibrary() is { } torchSharp && NativeLibrary.TryLoad(Path.Combine(Path.GetDirectoryName(torchSharp)!, library), out handle)))
        {
            return null;
        }

        if (!NativeLibrary.TryGetExport(handle, context, out var c) || !NativeLibrary.TryGetExport(handle, set, out var s) || !NativeLibrary.TryGetExport(handle, get, out var g))
        {
            return null;
        }

        return new Api(
            Marshal.GetDelegateForFunctionPointer<GlobalContext>(c)(),
            Marshal.GetDelegateForFunctionPointer<SetFlag>(s),
            Marshal.GetDelegateForFunctionPointer<GetFlag>(g));
    }

    private sealed record Api(IntPtr Context, SetFlag Set, GetFlag Get);
}
