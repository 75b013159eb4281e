namespace AePaint.Build;

/// <summary>A dynamic symbol bound to a needed version, with how many relocations refer to it.</summary>
public sealed record ElfVersionedSymbol(string Name, bool IsUndefined, int RelocationCount);
