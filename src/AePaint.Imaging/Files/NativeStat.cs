using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace AePaint.Imaging.Files;

/// <summary>
/// The operating system's own answer to "which object is this path": stat(2) on Linux, GetFileInformationByHandle on
/// Windows. .NET exposes neither inode nor file index. Elsewhere (macOS: a different struct stat) the fully resolved
/// path stands in for the identity.
/// </summary>
internal static partial class NativeStat
{
    private const uint TypeMask = 0xF000;
    private const uint TypeRegular = 0x8000;
    private const uint TypeDirectory = 0x4000;

    public static FileIdentity? Identify(string fullPath)
    {
        if (OperatingSystem.IsLinux())
        {
            return Linux(fullPath);
        }

        return OperatingSystem.IsWindows() ? Windows(fullPath) : ByResolvedPath(fullPath);
    }

    private static unsafe FileIdentity? Linux(string path)
    {
        // st_dev and st_ino lead struct stat on every Linux ABI; st_mode follows st_nlink (8 bytes) on x86-64 only.
        var buffer = stackalloc byte[512];
        if (Stat(path, buffer) != 0)
        {
            return null;
        }

        var modeOffset = RuntimeInformation.ProcessArchitecture == Architecture.X64 ? 24 : 16;
        var mode = *(uint*)(buffer + modeOffset) & TypeMask;
        var kind = mode == TypeRegular ? FileKind.Regular : mode == TypeDirectory ? FileKind.Directory : FileKind.Other;
        return new FileIdentity(*(ulong*)buffer, *(ulong*)(buffer + 8), kind);
    }

    private static FileIdentity? Windows(string path)
    {
        const uint shareAll = 7, openExisting = 3, backupSemantics = 0x02000000, directoryAttribute = 0x10, diskFile = 1;
        using var handle = CreateFile(path, 0, shareAll, 0, openExisting, backupSemantics, 0);
        if (handle.IsInvalid || !GetFileInformationByHandle(handle, out var info))
        {
            return null;
        }

        var kind = (info.FileAttributes & directoryAttribute) != 0 ? FileKind.Directory
            : GetFileType(handle) == diskFile ? FileKind.Regular : FileKind.Other;
        return new FileIdentity(info.VolumeSerialNumber, ((ulong)info.FileIndexHigh << 32) | info.FileIndexLow, kind);
    }

    private static FileIdentity? ByResolvedPath(string path)
    {
        FileSystemInfo info = Directory.Exists(path) ? new DirectoryInfo(path) : new FileInfo(path);
        var target = info.LinkTarget != null ? info.ResolveLinkTarget(returnFinalTarget: true) : info;
        if (target is not { Exists: true })
        {
            return null;
        }

        var kind = target is DirectoryInfo ? FileKind.Directory : FileKind.Regular;
        return new FileIdentity(0, (ulong)StringComparer.Ordinal.GetHashCode(Path.GetFullPath(target.FullName)), kind);
    }

    [LibraryImport("libc", EntryPoint = "stat", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static unsafe partial int Stat(string path, byte* buffer);

    [LibraryImport("kernel32.dll", EntryPoint = "CreateFileW", StringMarshalling = StringMarshalling.Utf16, SetLastError = true)]
    private static partial SafeFileHandle CreateFile(string name, uint access, uint share, nint security, uint disposition, uint flags, nint template);

    [LibraryImport("kernel32.dll", SetLastError = true)]
    [return: MarshalAs(UnmanagedType.Bool)]
    private static partial bool GetFileInformationByHandle(SafeFileHandle handle, out ByHandleFileInformation info);

    [LibraryImport("kernel32.dll")]
    private static partial uint GetFileType(SafeFileHandle handle);

    [StructLayout(LayoutKind.Sequential)]
    private struct ByHandleFileInformation
    {
        public uint FileAttributes;
        public uint CreationLow, CreationHigh, AccessLow, AccessHigh, WriteLow, WriteHigh;
        public uint VolumeSerialNumber;
        public uint FileSizeHigh, FileSizeLow;
        public uint NumberOfLinks;
        public uint FileIndexHigh, FileIndexLow;
    }
}
