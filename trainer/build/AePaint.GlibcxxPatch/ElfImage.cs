using System.Text;

namespace AePaint.Build;

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
                Type: U32(data, h + 4),
                Offset: U64(data, h + 24),
                Size: U64(data, h + 32),
                Link: U32(data, h + 40),
                Info: U32(data, h + 44),
                EntrySize: U64(data, h + 56));
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
                        Version: ReadString(strtab, U32(data, x + 8)),
                        Flags: U16(data, x + 4),
                        Index: U16(data, x + 6),
                        FlagsOffset: x + 4));
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
            return new ElfVersionedSymbol(ReadString(strtab, U32(data, s)), IsUndefined: U16(data, s + 6) == 0, relocations[i]);
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
