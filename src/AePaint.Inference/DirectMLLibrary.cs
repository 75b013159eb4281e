using System.Diagnostics;
using System.Runtime.InteropServices;

namespace AePaint.Inference;

/// <summary>
/// Loads the DirectML.dll bundled beside the plugin by full path before the DirectML provider is appended. onnxruntime.dll
/// delay-loads "DirectML.dll" by name through Windows' search order (paintdotnet.exe's folder, System32), which would
/// find Windows' older inbox copy or none; a module already loaded under that name is used instead. Windows-only in
/// effect; the loader functions are seams so the checks run in tests anywhere.
/// </summary>
public static class DirectMLLibrary
{
    public const string FileName = "DirectML.dll";

    /// <summary>The oldest DirectML the DirectML build's ONNX Runtime (1.23, Microsoft.AI.DirectML 1.15.x) works with.</summary>
    public static readonly Version Minimum = new(1, 15, 0);

    private static readonly object Gate = new();
    private static DirectMLInfo? _loaded;

    /// <summary>Loads a native library by full path (NativeLibrary.Load).</summary>
    internal static Func<string, IntPtr> Load { get; set; } = NativeLibrary.Load;

    /// <summary>A file's version resource, or null when it has none.</summary>
    internal static Func<string, Version?> FileVersion { get; set; } = ReadFileVersion;

    /// <summary>The full path of the module Windows returns for the bare name "DirectML.dll" (null when none is loaded).</summary>
    internal static Func<string?> ModuleForName { get; set; } = LoadedModulePath;

    /// <summary>
    /// Ours, loaded once per process: the first of <paramref name="folders"/> holding DirectML.dll. Throws <see cref="GpuUnavailableException"/> saying why the GPU cannot be used.
    /// </summary>
    public static DirectMLInfo EnsureLoaded(params string[] folders)
    {
        lock (Gate)
        {
            if (_loaded != null)
            {
                return _loaded;
            }

            var dirs = folders.Distinct().ToArray();
            var path = dirs.Select(d => Path.Combine(d, FileName)).FirstOrDefault(File.Exists)
                ?? throw new GpuUnavailableException($"{FileName} is missing from {string.Join(" and ", dirs)} (install the GPU build of AePaint)");
            var version = FileVersion(path) ?? throw new GpuUnavailableException($"{path} has no version information (not a DirectML build)");
            if (version < Minimum)
            {
                throw new GpuUnavailableException($"{path} is DirectML {version}; AePaint needs {Minimum} or newer");
            }

            try
            {
                Load(path);
            }
            catch (Exception e) when (e is DllNotFoundException or BadImageFormatException)
            {
                throw new GpuUnavailableException($"{path} could not be loaded: {e.Message}", e);
            }

            var resolved = ModuleForName();
            if (resolved != null && !string.Equals(Path.GetFullPath(resolved), Path.GetFullPath(path), StringComparison.OrdinalIgnoreCase))
            {
                throw new GpuUnavailableException($"another {FileName} ({resolved}) was already loaded into Paint.NET, so ONNX Runtime would not use AePaint's {version}");
            }

            return _loaded = new DirectMLInfo(path, version);
        }
    }

    /// <summary>Forgets what was loaded (a process cannot really unload it) and puts the real loader functions back: tests.</summary>
    internal static void ResetForTests()
    {
        lock (Gate)
        {
            _loaded = null;
            Load = NativeLibrary.Load;
            FileVersion = ReadFileVersion;
            ModuleForName = LoadedModulePath;
        }
    }

    private static Version? ReadFileVersion(string path)
    {
        var v = FileVersionInfo.GetVersionInfo(path);
        return v.FileMajorPart == 0 && v.FileMinorPart == 0 && v.FileBuildPart == 0 ? null : new Version(v.FileMajorPart, v.FileMinorPart, v.FileBuildPart, v.FilePrivatePart);
    }

    private static string? LoadedModulePath()
    {
        if (!OperatingSystem.IsWindows())
        {
            return null;
        }

        var module = NativeMethods.GetModuleHandleW(FileName);
        if (module == IntPtr.Zero)
        {
            return null;
        }

        var buffer = new char[32768];
        int n = NativeMethods.GetModuleFileNameW(module, buffer, buffer.Length);
        return n > 0 ? new string(buffer, 0, n) : null;
    }

    private static class NativeMethods
    {
        [DllImport("kernel32.dll", CharSet = CharSet.Unicode, SetLastError = true)]
        public static extern IntPtr GetModuleHandleW(string moduleName);

        [DllImport("kernel32.dll", CharSet = CharSet.Unicode, SetLastError = true)]
        public static extern int GetModuleFileNameW(IntPtr module, [Out] char[] fileName, int size);
    }
}
