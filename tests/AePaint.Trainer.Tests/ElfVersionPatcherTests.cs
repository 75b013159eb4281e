using System.Reflection;
using AePaint.Build;

namespace AePaint.Trainer.Tests;

/// <summary>The ELF patch that trainer/build/TorchSharpGlibcxx.targets applies to TorchSharp's libLibTorchSharp.so.</summary>
public sealed class ElfVersionPatcherTests
{
    private const string Version = "GLIBCXX_3.4.32";
    private const string Symbol = "_ZSt21ios_base_library_initv";  // std::ios_base_library_init()

    [Fact]
    public void OriginalRequiresGlibcxx3432ForOneUnrelocatedSymbol()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var elf = ElfImage.Parse(File.ReadAllBytes(OriginalLibrary()));
        var need = Assert.Single(elf.ReadVersionNeeds(), n => n.Version == Version);

        Assert.Equal("libstdc++.so.6", need.File);
        Assert.False(need.IsWeak);
        var symbol = Assert.Single(elf.SymbolsBoundTo(need.Index));
        Assert.Equal(Symbol, symbol.Name);
        Assert.True(symbol.IsUndefined);
        Assert.Equal(0, symbol.RelocationCount);
    }

    [Fact]
    public void WeakenChangesOnlyTheFlagsOfThatRequirementAndIsIdempotent()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        byte[] original = File.ReadAllBytes(OriginalLibrary());
        var need = ElfImage.Parse(original).ReadVersionNeeds().Single(n => n.Version == Version);

        var first = ElfVersionWeakener.Weaken(original, "libstdc++.so.6", [Version]);
        Assert.Equal([Version], first.Weakened);
        int[] changed = Enumerable.Range(0, original.Length).Where(i => original[i] != first.Image[i]).ToArray();
        Assert.Equal([need.FlagsOffset], changed);
        Assert.Equal(ElfImage.VerFlagWeak, first.Image[need.FlagsOffset]);

        var patchedNeeds = ElfImage.Parse(first.Image).ReadVersionNeeds();
        Assert.True(patchedNeeds.Single(n => n.Version == Version).IsWeak);
        Assert.All(patchedNeeds.Where(n => n.Version != Version), n => Assert.False(n.IsWeak));

        var second = ElfVersionWeakener.Weaken(first.Image, "libstdc++.so.6", [Version]);
        Assert.Empty(second.Weakened);
        Assert.Equal([Version], second.AlreadyWeak);
        Assert.Same(first.Image, second.Image);
    }

    [Fact]
    public void RefusesToWeakenAVersionWhoseSymbolsAreRelocated()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        // GLIBCXX_3.4 binds many functions that are really called (PLT relocations): weakening it would only move the failure.
        byte[] original = File.ReadAllBytes(OriginalLibrary());
        var e = Assert.Throws<InvalidOperationException>(() => ElfVersionWeakener.Weaken(original, "libstdc++.so.6", ["GLIBCXX_3.4"]));
        Assert.Contains("relocation", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void VersionsNotRequiredAreReportedAndNothingChanges()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        byte[] original = File.ReadAllBytes(OriginalLibrary());
        var result = ElfVersionWeakener.Weaken(original, "libstdc++.so.6", ["GLIBCXX_9.9.99"]);
        Assert.Equal(["GLIBCXX_9.9.99"], result.NotRequired);
        Assert.Same(original, result.Image);
    }

    [Fact]
    public void RejectsNonElfAndTruncatedInput()
    {
        Assert.Throws<InvalidDataException>(() => ElfImage.Parse("not an elf at all, just some text padding it out to 64+ bytes......."u8.ToArray()));
        var header = new byte[64];
        header[0] = 0x7f;
        header[1] = (byte)'E';
        header[2] = (byte)'L';
        header[3] = (byte)'F';
        header[4] = 2;
        header[5] = 1;
        header[40] = 0xff;  // e_shoff far outside the file
        header[58] = 64;    // e_shentsize
        header[60] = 3;     // e_shnum
        Assert.Throws<InvalidDataException>(() => ElfImage.Parse(header));
        header[4] = 1;      // ELF32
        Assert.Throws<InvalidDataException>(() => ElfImage.Parse(header));
    }

    [Fact]
    public void ApplyWritesAPatchedCopyAtomicallyAndOnlyOnce()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        string dir = Directory.CreateTempSubdirectory("aepaint-elf-").FullName;
        try
        {
            string destination = Path.Combine(dir, "sub", "libLibTorchSharp.so");
            var first = GlibcxxPatch.Apply(OriginalLibrary(), destination, [Version], "always", null);
            Assert.True(first.UsePatchedCopy);
            Assert.True(first.WroteFile);
            Assert.True(ElfImage.Parse(File.ReadAllBytes(destination)).ReadVersionNeeds().Single(n => n.Version == Version).IsWeak);
            DateTime written = File.GetLastWriteTimeUtc(destination);

            var second = GlibcxxPatch.Apply(OriginalLibrary(), destination, [Version], "always", null);
            Assert.True(second.UsePatchedCopy);
            Assert.False(second.WroteFile);
            Assert.Equal(written, File.GetLastWriteTimeUtc(destination));
            Assert.Equal(["libLibTorchSharp.so"], Directory.GetFiles(Path.GetDirectoryName(destination)!).Select(Path.GetFileName));

            // A stale destination (here: the unpatched original) is replaced by rename, leaving no temp file behind.
            File.Copy(OriginalLibrary(), destination, overwrite: true);
            var third = GlibcxxPatch.Apply(OriginalLibrary(), destination, [Version], "always", null);
            Assert.True(third.WroteFile);
            Assert.True(ElfImage.Parse(File.ReadAllBytes(destination)).ReadVersionNeeds().Single(n => n.Version == Version).IsWeak);
            Assert.Single(Directory.GetFiles(Path.GetDirectoryName(destination)!));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void AutoModePatchesOnlyWhenTheSystemLibraryLacksTheVersion()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        string dir = Directory.CreateTempSubdirectory("aepaint-elf-").FullName;
        try
        {
            var original = ElfImage.Parse(File.ReadAllBytes(OriginalLibrary()));
            var required = original.ReadVersionNeeds().Where(n => n.File == "libstdc++.so.6").Select(n => n.Version).ToList();

            // A libstdc++ like Debian 12's (everything but 3.4.32) and one like GCC 13's (everything).
            string old = Path.Combine(dir, "old-libstdc++.so.6");
            File.WriteAllBytes(old, MiniElf.WithVersionDefinitions(required.Where(v => v != Version)));
            string current = Path.Combine(dir, "new-libstdc++.so.6");
            File.WriteAllBytes(current, MiniElf.WithVersionDefinitions(required));
            string tooOld = Path.Combine(dir, "ancient-libstdc++.so.6");
            File.WriteAllBytes(tooOld, MiniElf.WithVersionDefinitions(required.Where(v => v != Version && v != "GLIBCXX_3.4.30")));

            var onOld = GlibcxxPatch.Apply(OriginalLibrary(), Path.Combine(dir, "old.so"), [Version], "auto", old);
            Assert.True(onOld.UsePatchedCopy);
            Assert.Empty(onOld.Warnings);
            Assert.True(ElfImage.Parse(File.ReadAllBytes(Path.Combine(dir, "old.so"))).ReadVersionNeeds().Single(n => n.Version == Version).IsWeak);

            var onCurrent = GlibcxxPatch.Apply(OriginalLibrary(), Path.Combine(dir, "new.so"), [Version], "auto", current);
            Assert.False(onCurrent.UsePatchedCopy);
            Assert.False(File.Exists(Path.Combine(dir, "new.so")));

            // A missing version that is not on the weakenable list is reported, not patched.
            var onTooOld = GlibcxxPatch.Apply(OriginalLibrary(), Path.Combine(dir, "ancient.so"), [Version], "auto", tooOld);
            Assert.True(onTooOld.UsePatchedCopy);
            Assert.Contains(onTooOld.Warnings, w => w.Contains("GLIBCXX_3.4.30", StringComparison.Ordinal));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void SystemLibStdCxxIsFoundAndItsVersionsParsed()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        string? path = SystemLibStdCxx.Find(ElfImage.MachineX86_64);
        Assert.NotNull(path);
        var versions = SystemLibStdCxx.DefinedVersions(path);
        Assert.Contains("GLIBCXX_3.4", versions);
        Assert.Contains("CXXABI_1.3", versions);
    }

    [Fact]
    public void OutputFolderHoldsThePatchedCopyWhereTheSystemNeedsIt()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        string shipped = Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native", "libLibTorchSharp.so");
        Assert.True(File.Exists(shipped), shipped);
        bool systemHasIt = SystemLibStdCxx.DefinedVersions(SystemLibStdCxx.Find(ElfImage.MachineX86_64)!).Contains(Version);
        var need = ElfImage.Parse(File.ReadAllBytes(shipped)).ReadVersionNeeds().Single(n => n.Version == Version);
        Assert.Equal(!systemHasIt, need.IsWeak);
        Assert.False(ElfImage.Parse(File.ReadAllBytes(OriginalLibrary())).ReadVersionNeeds().Single(n => n.Version == Version).IsWeak);
    }

    /// <summary>The untouched library in the NuGet cache (the build must never modify it).</summary>
    internal static string OriginalLibrary()
    {
        string root = typeof(ElfVersionPatcherTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "NuGetPackageRoot").Value!;
        string path = Path.Combine(root, "torchsharp", typeof(TorchSharp.torch).Assembly.GetName().Version!.ToString(3), "runtimes", "linux-x64", "native", "libLibTorchSharp.so");
        Assert.True(File.Exists(path), path);
        return path;
    }

    /// <summary>Builds a minimal ELF64 whose only content is a .gnu.version_d defining <paramref name="versions"/>.</summary>
    private static class MiniElf
    {
        public static byte[] WithVersionDefinitions(IEnumerable<string> versions)
        {
            var names = versions.ToList();
            var strtab = new List<byte> { 0 };
            var nameOffsets = new List<int>();
            foreach (string name in names)
            {
                nameOffsets.Add(strtab.Count);
                strtab.AddRange(System.Text.Encoding.ASCII.GetBytes(name));
                strtab.Add(0);
            }

            int strtabOffset = 64;
            int verdefOffset = (strtabOffset + strtab.Count + 7) & ~7;
            int verdefSize = names.Count * 28;   // Verdef (20) + one Verdaux (8) each
            int shoff = (verdefOffset + verdefSize + 7) & ~7;
            var image = new byte[shoff + (3 * 64)];

            image[0] = 0x7f;
            image[1] = (byte)'E';
            image[2] = (byte)'L';
            image[3] = (byte)'F';
            image[4] = 2;   // ELFCLASS64
            image[5] = 1;   // little-endian
            image[6] = 1;
            Put16(image, 16, 3);                            // ET_DYN
            Put16(image, 18, ElfImage.MachineX86_64);
            Put32(image, 20, 1);
            Put64(image, 40, (ulong)shoff);
            Put16(image, 52, 64);
            Put16(image, 58, 64);
            Put16(image, 60, 3);
            Put16(image, 62, 1);
            strtab.CopyTo(image, strtabOffset);

            for (int i = 0; i < names.Count; i++)
            {
                int v = verdefOffset + (i * 28);
                Put16(image, v, 1);                                  // vd_version
                Put16(image, v + 4, (ushort)(i + 1));                // vd_ndx
                Put16(image, v + 6, 1);                              // vd_cnt
                Put32(image, v + 12, 20);                            // vd_aux
                Put32(image, v + 16, i == names.Count - 1 ? 0u : 28u); // vd_next
                Put32(image, v + 20, (uint)nameOffsets[i]);          // vda_name
            }

            WriteSection(image, shoff + 64, type: 3, offset: strtabOffset, size: strtab.Count, link: 0, info: 0);
            WriteSection(image, shoff + 128, type: ElfImage.ShtGnuVerdef, offset: verdefOffset, size: verdefSize, link: 1, info: (uint)names.Count);
            return image;
        }

        private static void WriteSection(byte[] image, int at, uint type, int offset, int size, uint link, uint info)
        {
            Put32(image, at + 4, type);
            Put64(image, at + 24, (ulong)offset);
            Put64(image, at + 32, (ulong)size);
            Put32(image, at + 40, link);
            Put32(image, at + 44, info);
        }

        private static void Put16(byte[] b, int at, ushort value) => System.Buffers.Binary.BinaryPrimitives.WriteUInt16LittleEndian(b.AsSpan(at), value);

        private static void Put32(byte[] b, int at, uint value) => System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(at), value);

        private static void Put64(byte[] b, int at, ulong value) => System.Buffers.Binary.BinaryPrimitives.WriteUInt64LittleEndian(b.AsSpan(at), value);
    }
}
