namespace AePaint.Build;

/// <summary>One Vernaux entry of <c>.gnu.version_r</c>: "this object needs version <paramref name="Version"/> of <paramref name="File"/>".</summary>
/// <param name="File">The needed library's soname (vn_file), e.g. <c>libstdc++.so.6</c>.</param>
/// <param name="Version">The version name (vna_name), e.g. <c>GLIBCXX_3.4.32</c>.</param>
/// <param name="Flags">vna_flags; <see cref="ElfImage.VerFlagWeak"/> marks a weak requirement.</param>
/// <param name="Index">vna_other: the index that <c>.gnu.version</c> entries use to bind symbols to this version.</param>
/// <param name="FlagsOffset">File offset of the 16-bit vna_flags field.</param>
public sealed record ElfVersionNeed(string File, string Version, ushort Flags, ushort Index, int FlagsOffset)
{
    public bool IsWeak => (Flags & ElfImage.VerFlagWeak) != 0;
}
