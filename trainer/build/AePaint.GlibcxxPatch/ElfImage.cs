// Marks chosen symbol-version requirements of an ELF64 shared library as weak (VER_FLG_WEAK), so that
// glibc's loader accepts the library when the providing library (libstdc++.so.6) lacks that version.
// Why: see trainer/README.md ("The GLIBCXX_3.4.32 patch").
//
// This one file is compiled twice:
//  - by MSBuild's RoslynCodeTaskFactory (trainer/build/TorchSharpGlibcxx.targets), against netstandard2.0
//    reference assemblies, which is why it uses only netstandard2.0 APIs and no records/init accessors;
//  - by tests/AePaint.Trainer.Tests with AEPAINT_ELF_PATCHER_NO_MSBUILD defined (no MSBuild task class).
#nullable enable

using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
#if !AEPAINT_ELF_PATCHER_NO_MSBUILD
using Microsoft.Build.Framework;
#endif

namespace AePaint.Build;

/// <summary>An ELF section header (only the fields this tool needs).</summary>
public sealed class ElfSection
{
    public ElfSection(int index, uint type, ulong offset, ulong size, uint link, uint info, ulong entrySize)
    {
        Index = index;
        Type = type;
        Offset = offset;
        Size = size;
        Link = link;
        Info = info;
        EntrySize = entrySize;
    }

    public int Index { get; }
    public uint Type { get; }
    public ulong Offset { get; }
    public ulong Size { get; }
    public uint Link { get; }
    public uint Info { get; }
    public ulong EntrySize { get; }
}

/// <summary>One Vernaux entry of <c>.gnu.version_r</c>: "this object needs version <see cref="Version"/> of <see cref="File"/>".</summary>
public sealed class ElfVersionNeed
{
    public ElfVersionNeed(string file, string version, ushort flags, ushort index, int flagsOffset)
    {
        File = file;
        Version = version;
        Flags = flags;
        Index = index;
        FlagsOffset = flagsOffset;
    }

    /// <summary>The needed library's soname (vn_file), e.g. <c>libstdc++.so.6</c>.</summary>
    public string File { get; }

    /// <summary>The version name (vna_name), e.g. <c>GLIBCXX_3.4.32</c>.</summary>
    public string Version { get; }

    /// <summary>vna_flags; <see cref="ElfImage.VerFlagWeak"/> marks a weak requirement.</summary>
    public ushort Flags { get; }

    /// <summary>vna_other: the index that <c>.gnu.version</c> entries use to bind symbols to this version.</summary>
    public ushort Index { get; }

    /// <summary>File offset of the 16-bit vna_flags field.</summary>
    public int FlagsOffset { get; }

    public bool IsWeak => (Flags & ElfImage.VerFlagWeak) != 0;
}

/// <summary>A dynamic symbol bound to a needed version, with how many relocations refer to it.</summary>
public sealed class ElfVersionedSymbol
{
    public ElfVersionedSymbol(string name, bool isUndefined, int relocationCount)
    {
        Name = name;
        IsUndefined = isUndefined;
        RelocationCount = relocationCount;
    }

    public string Name { get; }
    public bool IsUndefined { get; }
    public int RelocationCount { get; }
}

/// <summary>
/// A read-only view of a little-endian ELF64 file, parsed through its section headers.
/// Every offset read from the file is bounds-checked; malformed input throws <see cref="InvalidDataException"/>.
/// </summary>
public sealed class ElfImage
{
    public const ushort VerFlagWeak = 0x2;          // VER_FLG_WEAK
    public const uint ShtRela = 4;                  // SHT_RELA
    public const uint ShtRel = 9;                   // SHT_REL
    public const uint ShtDynsym = 11;               // SHT_DYNSYM
    public const uint ShtGnuVerdef = 0x6ffffffd;    // SHT_GNU_verdef   (.gnu.version_d)
    public const uint ShtGnuVerneed = 0x6ffffffe;   // SHT_GNU_verneed  (.gnu.version_r)
    public const uint ShtGnuVersym = 0x6fffffff;    // SHT_GNU_versym   (.gnu.version)
    public const ushort MachineX86_64 = 62;         // EM_X86_64
    public const ushort MachineAArch64 = 183;       // EM_AARCH64

    private readonly byte[] data;

    private ElfImage(byte[] data, ushort machine, IReadOnlyList<ElfSection> sections)
    {
        this.data = data;
        Machine = machine;
        Sections = sections;
    }

    public ushort Machine { get; }
    public IReadOnlyList<ElfSection> Sections { get; }

    public static bool LooksLikeElf(byte[] data) =>
        data.Length >= 4 && data[0] == 0x7f && data[1] == (byte)'E' && data[2] == (byte)'L' && data[3] == (byte)'F';

    public static ElfImage Parse(byte[] data)
    {
        if (data is null)
        {
            throw new ArgumentNullException(nameof(data));
        }

        if (!LooksLikeElf(data) || data.Length < 64)
        {
            throw new InvalidDataException("Not an ELF file.");
        }

        if (data[4] != 2)
        {
            throw new InvalidDataException("Only ELF64 is supported (EI_CLASS is not ELFCLASS64).");
        }

        if (data[5] != 1)
        {
            throw new InvalidDataException("Only little-endian ELF is supported (EI_DATA is not ELFDATA2LSB).");
        }

        ushort machine = U16(data, 18);
        ulong shoff = U64(data, 40);
        ushort shentsize = U16(data, 58);
        ulong shnum = U16(data, 60);
        if (shoff == 0)
        {
            throw new InvalidDataException("The ELF file has no section header table.");
        }

        if (shentsize < 64)
        {
            throw new InvalidDataException($"Unexpected section header size {shentsize}.");
        }

        CheckRange(data, shoff, shentsize, "section header 0");
        if (shnum == 0)
        {
            // Extended numbering: the real count is in section 0's sh_size.
            shnum = U64(data, checked((int)shoff) + 32);
        }

        CheckRange(data, shoff, checked(shnum * shentsize), "section header table");
        var sections = new List<ElfSection>((int)shnum);
        for (int i = 0; i < (int)shnum; i++)
        {
            int h = checked((int)shoff + (i * shentsize));
            var section = new ElfSection(
                i,
                type: U32(data, h + 4),
                offset: U64(data, h + 24),
                size: U64(data, h + 32),
                link: U32(data, h + 40),
                info: U32(data, h + 44),
                entrySize: U64(data, h + 56));
            if (section.Type != 8 /* SHT_NOBITS */ && section.Type != 0)
            {
                CheckRange(data, section.Offset, section.Size, $"section {i}");
            }

            sections.Add(section);
        }

        return new ElfImage(data, machine, sections);
    }

    /// <summary>All Vernaux entries of <c>.gnu.version_r</c> (empty when the section is absent).</summary>
    public IReadOnlyList<ElfVersionNeed> ReadVersionNeeds()
    {
        var result = new List<ElfVersionNeed>();
        foreach (var verneed in Sections.Where(s => s.Type == ShtGnuVerneed))
        {
            var strtab = SectionAt(verneed.Link, "string table of .gnu.version_r");
            long start = (long)verneed.Offset;
            long end = start + (long)verneed.Size;
            long entry = start;
            for (uint n = 0; n < verneed.Info; n++)
            {
                Require(entry + 16 <= end, "Verneed entry outside .gnu.version_r");
                int e = (int)entry;
                ushort count = U16(data, e + 2);
                string file = ReadString(strtab, U32(data, e + 4));
                long aux = entry + U32(data, e + 8);
                for (int a = 0; a < count; a++)
                {
                    Require(aux >= start && aux + 16 <= end, "Vernaux entry outside .gnu.version_r");
                    int x = (int)aux;
                    result.Add(new ElfVersionNeed(
                        file,
                        version: ReadString(strtab, U32(data, x + 8)),
                        flags: U16(data, x + 4),
                        index: U16(data, x + 6),
                        flagsOffset: x + 4));
                    uint nextAux = U32(data, x + 12);
                    if (nextAux == 0)
                    {
                        Require(a == count - 1, "Vernaux chain shorter than vn_cnt");
                        break;
                    }

                    aux += nextAux;
                }

                uint next = U32(data, e + 12);
                if (next == 0)
                {
                    break;
                }

                entry += next;
            }
        }

        return result;
    }

    /// <summary>The version names this library defines (<c>.gnu.version_d</c>), e.g. GLIBCXX_3.4.30 for libstdc++.</summary>
    public IReadOnlyCollection<string> ReadVersionDefinitions()
    {
        var result = new HashSet<string>(StringComparer.Ordinal);
        foreach (var verdef in Sections.Where(s => s.Type == ShtGnuVerdef))
        {
            var strtab = SectionAt(verdef.Link, "string table of .gnu.version_d");
            long start = (long)verdef.Offset;
            long end = start + (long)verdef.Size;
            long entry = start;
            for (uint n = 0; n < verdef.Info; n++)
            {
                Require(entry + 20 <= end, "Verdef entry outside .gnu.version_d");
                int e = (int)entry;
                ushort count = U16(data, e + 6);
                if (count > 0)
                {
                    // The first Verdaux names the version itself; later ones name its predecessors.
                    long aux = entry + U32(data, e + 12);
                    Require(aux >= start && aux + 8 <= end, "Verdaux entry outside .gnu.version_d");
                    result.Add(ReadString(strtab, U32(data, (int)aux)));
                }

                uint next = U32(data, e + 16);
                if (next == 0)
                {
                    break;
                }

                entry += next;
            }
        }

        return result;
    }

    /// <summary>
    /// The dynamic symbols whose <c>.gnu.version</c> entry is <paramref name="versionIndex"/>, with the number of
    /// relocations (in any SHT_REL/SHT_RELA section tied to <c>.dynsym</c>) that reference each.
    /// </summary>
    public IReadOnlyList<ElfVersionedSymbol> SymbolsBoundTo(ushort versionIndex)
    {
        var dynsym = Sections.FirstOrDefault(s => s.Type == ShtDynsym)
            ?? throw new InvalidDataException("The ELF file has no .dynsym section.");
        var versym = Sections.FirstOrDefault(s => s.Type == ShtGnuVersym && s.Link == (uint)dynsym.Index)
            ?? throw new InvalidDataException("The ELF file has no .gnu.version section for .dynsym.");
        var strtab = SectionAt(dynsym.Link, "string table of .dynsym");
        ulong symSize = dynsym.EntrySize == 0 ? 24UL : dynsym.EntrySize;
        Require(symSize >= 24, "Unexpected .dynsym entry size");
        ulong symbolCount = dynsym.Size / symSize;
        Require(versym.Size >= symbolCount * 2, ".gnu.version is shorter than .dynsym");

        var bound = new List<int>();
        for (ulong i = 0; i < symbolCount; i++)
        {
            // Bit 15 is the "hidden" flag; the low 15 bits are the version index.
            if ((U16(data, checked((int)(versym.Offset + (i * 2)))) & 0x7fff) == versionIndex)
            {
                bound.Add((int)i);
            }
        }

        var relocations = bound.ToDictionary(i => i, _ => 0);
        foreach (var rel in Sections.Where(s => (s.Type == ShtRela || s.Type == ShtRel) && s.Link == (uint)dynsym.Index))
        {
            ulong relSize = rel.EntrySize != 0 ? rel.EntrySize : (rel.Type == ShtRela ? 24UL : 16UL);
            Require(relSize >= 16, "Unexpected relocation entry size");
            for (ulong r = 0; r + relSize <= rel.Size; r += relSize)
            {
                int symbol = (int)(U64(data, checked((int)(rel.Offset + r + 8))) >> 32);  // ELF64_R_SYM(r_info)
                if (relocations.ContainsKey(symbol))
                {
                    relocations[symbol]++;
                }
            }
        }

        return bound.Select(i =>
        {
            int s = checked((int)(dynsym.Offset + ((ulong)i * symSize)));
            return new ElfVersionedSymbol(ReadString(strtab, U32(data, s)), isUndefined: U16(data, s + 6) == 0, relocations[i]);
        }).ToList();
    }

    private ElfSection SectionAt(uint index, string what)
    {
        Require(index < Sections.Count, $"{what}: section index {index} out of range");
        return Sections[(int)index];
    }

    private string ReadString(ElfSection strtab, uint offset)
    {
        Require(offset < strtab.Size, "string offset outside its string table");
        int start = checked((int)(strtab.Offset + offset));
        int limit = checked((int)(strtab.Offset + strtab.Size));
        int end = start;
        while (end < limit && data[end] != 0)
        {
            end++;
        }

        Require(end < limit, "unterminated string");
        return Encoding.UTF8.GetString(data, start, end - start);
    }

    internal static ushort U16(byte[] d, int o) => (ushort)(d[o] | (d[o + 1] << 8));

    internal static uint U32(byte[] d, int o) => (uint)(d[o] | (d[o + 1] << 8) | (d[o + 2] << 16) | (d[o + 3] << 24));

    internal static ulong U64(byte[] d, int o) => U32(d, o) | ((ulong)U32(d, o + 4) << 32);

    private static void CheckRange(byte[] d, ulong offset, ulong size, string what)
    {
        if (offset > (ulong)d.Length || size > (ulong)d.Length - offset)
        {
            throw new InvalidDataException($"Malformed ELF: {what} lies outside the file.");
        }
    }

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new InvalidDataException("Malformed ELF: " + message + ".");
        }
    }
}

/// <summary>The outcome of <see cref="ElfVersionWeakener.Weaken"/>.</summary>
public sealed class WeakenResult
{
    public WeakenResult(byte[] image, IReadOnlyList<string> weakened, IReadOnlyList<string> alreadyWeak, IReadOnlyList<string> notRequired)
    {
        Image = image;
        Weakened = weakened;
        AlreadyWeak = alreadyWeak;
        NotRequired = notRequired;
    }

    /// <summary>The patched image (a new array when <see cref="Weakened"/> is non-empty, else the input).</summary>
    public byte[] Image { get; }

    public IReadOnlyList<string> Weakened { get; }
    public IReadOnlyList<string> AlreadyWeak { get; }
    public IReadOnlyList<string> NotRequired { get; }
}

public static class ElfVersionWeakener
{
    /// <summary>
    /// Sets VER_FLG_WEAK on the Vernaux entries that require <paramref name="versions"/> of <paramref name="neededFile"/>.
    /// Refuses (throws <see cref="InvalidOperationException"/>) when a symbol bound to such a version is defined here or is
    /// the target of a relocation: the loader would then still look it up and fail, so the patch would only hide the cause.
    /// Only the 2-byte vna_flags fields change; everything else is byte-for-byte the input.
    /// </summary>
    public static WeakenResult Weaken(byte[] image, string neededFile, IEnumerable<string> versions)
    {
        var elf = ElfImage.Parse(image);
        var needs = elf.ReadVersionNeeds().Where(n => n.File == neededFile).ToList();
        var weakened = new List<string>();
        var alreadyWeak = new List<string>();
        var notRequired = new List<string>();
        byte[]? output = null;
        foreach (string version in versions.Distinct(StringComparer.Ordinal))
        {
            var need = needs.FirstOrDefault(n => n.Version == version);
            if (need is null)
            {
                notRequired.Add(version);
                continue;
            }

            if (need.IsWeak)
            {
                alreadyWeak.Add(version);
                continue;
            }

            foreach (var symbol in elf.SymbolsBoundTo(need.Index))
            {
                if (!symbol.IsUndefined || symbol.RelocationCount != 0)
                {
                    throw new InvalidOperationException(
                        $"Refusing to mark {neededFile} version {version} weak: symbol {symbol.Name} bound to it is " +
                        (symbol.IsUndefined ? $"referenced by {symbol.RelocationCount} relocation(s)" : "defined in this library") +
                        ", so the dynamic loader would still need that version.");
                }
            }

            output ??= (byte[])image.Clone();
            ushort flags = (ushort)(need.Flags | ElfImage.VerFlagWeak);
            output[need.FlagsOffset] = (byte)(flags & 0xff);
            output[need.FlagsOffset + 1] = (byte)(flags >> 8);
            weakened.Add(version);
        }

        return new WeakenResult(output ?? image, weakened, alreadyWeak, notRequired);
    }
}

/// <summary>Finds the libstdc++.so.6 that the dynamic loader would use, and the versions it defines.</summary>
public static class SystemLibStdCxx
{
    public const string Soname = "libstdc++.so.6";

    public static string? Find(ushort machine)
    {
        string? fromCache = FromLdconfig(machine);
        if (fromCache != null)
        {
            return fromCache;
        }

        string[] fallback = machine == ElfImage.MachineAArch64
            ? new[] { "/usr/lib/aarch64-linux-gnu/", "/lib/aarch64-linux-gnu/", "/usr/lib64/", "/lib64/", "/usr/lib/" }
            : new[] { "/usr/lib/x86_64-linux-gnu/", "/lib/x86_64-linux-gnu/", "/usr/lib64/", "/lib64/", "/usr/lib/" };
        return fallback.Select(dir => dir + Soname).FirstOrDefault(path => MachineOf(path) == machine);
    }

    public static IReadOnlyCollection<string> DefinedVersions(string path) =>
        ElfImage.Parse(File.ReadAllBytes(path)).ReadVersionDefinitions();

    /// <summary>Parses <c>ldconfig -p</c> lines such as "libstdc++.so.6 (libc6,x86-64) => /lib/x86_64-linux-gnu/libstdc++.so.6".</summary>
    internal static string? FromLdconfig(ushort machine)
    {
        string tag = machine == ElfImage.MachineAArch64 ? "AArch64" : "x86-64";
        foreach (string ldconfig in new[] { "/sbin/ldconfig", "/usr/sbin/ldconfig", "/usr/bin/ldconfig" })
        {
            if (!File.Exists(ldconfig))
            {
                continue;
            }

            string output;
            try
            {
                var start = new ProcessStartInfo(ldconfig, "-p")
                {
                    RedirectStandardOutput = true,
                    RedirectStandardError = true,
                    UseShellExecute = false,
                    CreateNoWindow = true,
                };
                using var process = Process.Start(start);
                if (process is null)
                {
                    continue;
                }

                output = process.StandardOutput.ReadToEnd();
                process.WaitForExit();
            }
            catch (Exception e) when (e is System.ComponentModel.Win32Exception || e is InvalidOperationException || e is IOException)
            {
                continue;
            }

            foreach (string raw in output.Split('\n'))
            {
                string line = raw.Trim();
                int arrow = line.IndexOf("=>", StringComparison.Ordinal);
                int paren = line.IndexOf('(');
                if (arrow < 0 || paren < 0 || !line.StartsWith(Soname + " ", StringComparison.Ordinal))
                {
                    continue;
                }

                string flags = line.Substring(paren, arrow - paren);
                string path = line.Substring(arrow + 2).Trim();
                if (flags.IndexOf(tag, StringComparison.Ordinal) >= 0 && MachineOf(path) == machine)
                {
                    return path;
                }
            }
        }

        return null;
    }

    private static ushort? MachineOf(string path)
    {
        try
        {
            if (!File.Exists(path))
            {
                return null;
            }

            var header = new byte[20];
            using (var stream = File.OpenRead(path))
            {
                if (stream.Read(header, 0, header.Length) != header.Length)
                {
                    return null;
                }
            }

            return ElfImage.LooksLikeElf(header) ? ElfImage.U16(header, 18) : (ushort?)null;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}

/// <summary>What <see cref="GlibcxxPatch.Apply"/> decided and did.</summary>
public sealed class GlibcxxPatchOutcome
{
    public GlibcxxPatchOutcome(bool usePatchedCopy, bool wroteFile, IReadOnlyList<string> messages, IReadOnlyList<string> warnings)
    {
        UsePatchedCopy = usePatchedCopy;
        WroteFile = wroteFile;
        Messages = messages;
        Warnings = warnings;
    }

    /// <summary>True when the destination holds a patched copy that should be shipped instead of the source.</summary>
    public bool UsePatchedCopy { get; }

    /// <summary>True when this call (re)wrote the destination; false when it was already up to date or not needed.</summary>
    public bool WroteFile { get; }

    public IReadOnlyList<string> Messages { get; }
    public IReadOnlyList<string> Warnings { get; }
}

/// <summary>The build step: decide whether the TorchSharp native library needs the patch, and write the patched copy.</summary>
public static class GlibcxxPatch
{
    /// <param name="source">The library as shipped in the NuGet package (never modified).</param>
    /// <param name="destination">Where the patched copy goes (written atomically: temp file + rename).</param>
    /// <param name="versions">The libstdc++ versions that may be weakened, e.g. GLIBCXX_3.4.32.</param>
    /// <param name="mode"><c>auto</c>: weaken those the system libstdc++ lacks; <c>always</c>: weaken all of them.</param>
    /// <param name="systemLibrary">The libstdc++.so.6 to compare against in auto mode; null = ask ldconfig.</param>
    public static GlibcxxPatchOutcome Apply(string source, string destination, IEnumerable<string> versions, string mode, string? systemLibrary)
    {
        var messages = new List<string>();
        var warnings = new List<string>();
        byte[] original = File.ReadAllBytes(source);
        var elf = ElfImage.Parse(original);
        var requiredFromLibStdCxx = elf.ReadVersionNeeds().Where(n => n.File == SystemLibStdCxx.Soname).ToList();
        var candidates = versions.Where(v => v.Length > 0).Distinct(StringComparer.Ordinal).ToList();

        List<string> toWeaken;
        if (string.Equals(mode, "always", StringComparison.OrdinalIgnoreCase))
        {
            toWeaken = candidates;
        }
        else if (string.Equals(mode, "auto", StringComparison.OrdinalIgnoreCase))
        {
            string? system = string.IsNullOrEmpty(systemLibrary) ? SystemLibStdCxx.Find(elf.Machine) : systemLibrary;
            if (system is null || !File.Exists(system))
            {
                warnings.Add($"No system {SystemLibStdCxx.Soname} found for ELF machine {elf.Machine}; patching {Path.GetFileName(source)} as if it lacked {string.Join(", ", candidates)}.");
                toWeaken = candidates;
            }
            else
            {
                var defined = SystemLibStdCxx.DefinedVersions(system);
                var missing = requiredFromLibStdCxx.Where(n => !n.IsWeak && !defined.Contains(n.Version)).Select(n => n.Version).ToList();
                toWeaken = candidates.Where(missing.Contains).ToList();
                messages.Add($"{system} defines {defined.Count} versions; {Path.GetFileName(source)} needs {requiredFromLibStdCxx.Count} from it, missing: {(missing.Count == 0 ? "none" : string.Join(", ", missing))}.");
                var unhandled = missing.Except(candidates).ToList();
                if (unhandled.Count > 0)
                {
                    warnings.Add($"{Path.GetFileName(source)} needs {string.Join(", ", unhandled)} from {SystemLibStdCxx.Soname}, which {system} lacks and which are not in the weakenable list: it will not load on this machine.");
                }
            }
        }
        else
        {
            throw new ArgumentException($"Unknown mode '{mode}' (expected auto, always or never).", nameof(mode));
        }

        if (toWeaken.Count == 0)
        {
            messages.Add($"{Path.GetFileName(source)}: no version requirement to weaken; using the library unchanged.");
            return new GlibcxxPatchOutcome(false, false, messages, warnings);
        }

        var result = ElfVersionWeakener.Weaken(original, SystemLibStdCxx.Soname, toWeaken);
        if (result.NotRequired.Count > 0)
        {
            messages.Add($"{Path.GetFileName(source)} does not require {string.Join(", ", result.NotRequired)}.");
        }

        if (result.Weakened.Count == 0)
        {
            // Nothing to change: the source already loads (or was already patched, e.g. source == destination).
            messages.Add($"{Path.GetFileName(source)}: nothing to weaken ({string.Join(", ", result.AlreadyWeak.Concat(result.NotRequired))}).");
            return new GlibcxxPatchOutcome(result.AlreadyWeak.Count > 0 && SamePath(source, destination), false, messages, warnings);
        }

        bool wrote = WriteIfDifferent(destination, result.Image);
        messages.Add(wrote
            ? $"{Path.GetFileName(source)}: wrote {destination} with {SystemLibStdCxx.Soname} version(s) {string.Join(", ", result.Weakened)} marked weak."
            : $"{destination} (with {string.Join(", ", result.Weakened)} marked weak) is up to date.");

        return new GlibcxxPatchOutcome(true, wrote, messages, warnings);
    }

    /// <summary>Writes <paramref name="content"/> to <paramref name="path"/> unless it already holds exactly that; atomic (temp + rename).</summary>
    public static bool WriteIfDifferent(string path, byte[] content)
    {
        if (File.Exists(path) && new FileInfo(path).Length == content.Length && File.ReadAllBytes(path).SequenceEqual(content))
        {
            return false;
        }

        string? directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        // Same directory, so the rename cannot cross file systems. Renaming over the old file also breaks any hard
        // link it had (e.g. into the NuGet cache), so the cached original is never modified.
        string temp = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        try
        {
            File.WriteAllBytes(temp, content);
            if (File.Exists(path))
            {
                File.Replace(temp, path, null);   // rename(2) on Unix: readers see the old or the new file, never a mix
            }
            else
            {
                File.Move(temp, path);
            }
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }

        return true;
    }

    private static bool SamePath(string a, string b) =>
        string.Equals(Path.GetFullPath(a), Path.GetFullPath(b), StringComparison.Ordinal);
}

#if !AEPAINT_ELF_PATCHER_NO_MSBUILD
/// <summary>MSBuild task wrapper around <see cref="GlibcxxPatch.Apply"/> (used by TorchSharpGlibcxx.targets).</summary>
public sealed class PatchTorchSharpGlibcxx : Microsoft.Build.Utilities.Task
{
    [Required]
    public string SourceFile { get; set; } = "";

    [Required]
    public string DestinationFile { get; set; } = "";

    /// <summary>Semicolon-separated libstdc++ versions that may be weakened.</summary>
    [Required]
    public string Versions { get; set; } = "";

    /// <summary>auto or always.</summary>
    public string Mode { get; set; } = "auto";

    /// <summary>Optional: the libstdc++.so.6 to check in auto mode (default: what ldconfig reports).</summary>
    public string SystemLibrary { get; set; } = "";

    [Output]
    public bool UsePatchedCopy { get; set; }

    public override bool Execute()
    {
        try
        {
            var outcome = GlibcxxPatch.Apply(
                SourceFile,
                DestinationFile,
                Versions.Split(new[] { ';', ',' }, StringSplitOptions.RemoveEmptyEntries).Select(v => v.Trim()),
                Mode,
                string.IsNullOrWhiteSpace(SystemLibrary) ? null : SystemLibrary);
            foreach (string message in outcome.Messages)
            {
                Log.LogMessage(outcome.WroteFile ? MessageImportance.High : MessageImportance.Low, "TorchSharpGlibcxx: " + message);
            }

            foreach (string warning in outcome.Warnings)
            {
                Log.LogWarning("TorchSharpGlibcxx: " + warning);
            }

            UsePatchedCopy = outcome.UsePatchedCopy;
            return true;
        }
        catch (Exception e) when (e is InvalidDataException || e is InvalidOperationException || e is IOException || e is UnauthorizedAccessException || e is ArgumentException)
        {
            Log.LogError($"TorchSharpGlibcxx: cannot patch {SourceFile}: {e.Message} (see trainer/README.md; -p:AePaintGlibcxxPatch=never skips the step)");
            return false;
        }
    }
}
#endif
