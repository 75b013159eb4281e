using System.Runtime.InteropServices;

namespace AePaint.Inference;

/// <summary>
/// The name of DXGI adapter 0, the one DirectML device 0 runs on ("NVIDIA GeForce RTX 3060"), through dxgi.dll.
/// Windows-only; null elsewhere or on any failure (the name is only shown to the user). Untested on Linux CI.
/// </summary>
internal static unsafe class GpuAdapter
{
    private static readonly Guid IdxgiFactory1 = new("770aae78-f26f-4dba-a829-253c83d1b387");

    public static string? DefaultName()
    {
        if (!OperatingSystem.IsWindows())
        {
            return null;
        }

        IntPtr factory = IntPtr.Zero;
        IntPtr adapter = IntPtr.Zero;
        try
        {
            var iid = IdxgiFactory1;
            if (CreateDXGIFactory1(&iid, &factory) < 0 || factory == IntPtr.Zero)
            {
                return null;
            }

            // IDXGIFactory1::EnumAdapters1 is vtable slot 12; IDXGIAdapter1::GetDesc1 is slot 10.
            var enumAdapters1 = (delegate* unmanaged[Stdcall]<IntPtr, uint, IntPtr*, int>)(*(IntPtr**)factory)[12];
            if (enumAdapters1(factory, 0, &adapter) < 0 || adapter == IntPtr.Zero)
            {
                return null;
            }

            AdapterDesc1 desc;
            var getDesc1 = (delegate* unmanaged[Stdcall]<IntPtr, AdapterDesc1*, int>)(*(IntPtr**)adapter)[10];
            if (getDesc1(adapter, &desc) < 0)
            {
                return null;
            }

            var name = new string(desc.Description, 0, 128).TrimEnd('\0').Trim();
            return name.Length == 0 ? null : name;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException or SEHException)
        {
            return null;
        }
        finally
        {
            Release(adapter);
            Release(factory);
        }
    }

    private static void Release(IntPtr unknown)
    {
        if (unknown != IntPtr.Zero)
        {
            ((delegate* unmanaged[Stdcall]<IntPtr, uint>)(*(IntPtr**)unknown)[2])(unknown);
        }
    }

    [DllImport("dxgi.dll")]
    private static extern int CreateDXGIFactory1(Guid* riid, IntPtr* factory);

    /// <summary>DXGI_ADAPTER_DESC1.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct AdapterDesc1
    {
        public fixed char Description[128];
        public uint VendorId;
        public uint DeviceId;
        public uint SubSysId;
        public uint Revision;
        public nuint DedicatedVideoMemory;
        public nuint DedicatedSystemMemory;
        public nuint SharedSystemMemory;
        public long AdapterLuid;
        public uint Flags;
    }
}
