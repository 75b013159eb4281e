namespace AePaint.Build;

/// <summary>An ELF section header (only the fields this tool needs).</summary>
public sealed record ElfSection(int Index, uint Type, ulong Offset, ulong Size, uint Link, uint Info, ulong EntrySize);
