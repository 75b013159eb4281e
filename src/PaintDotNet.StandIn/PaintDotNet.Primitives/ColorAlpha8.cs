using System.Runtime.InteropServices;

namespace PaintDotNet.Imaging;

[StructLayout(LayoutKind.Sequential)]
public struct ColorAlpha8 : INaturalPixelInfo, IPixelInfo, IEquatable<ColorAlpha8>
{
    public ColorAlpha8(byte a) => A = a;

    public byte A { readonly get; set; }

    public static bool operator ==(ColorAlpha8 left, ColorAlpha8 right) => left.A == right.A;

    public static bool operator !=(ColorAlpha8 left, ColorAlpha8 right) => left.A != right.A;

    public readonly bool Equals(ColorAlpha8 other) => A == other.A;

    public override readonly bool Equals(object? obj) => obj is ColorAlpha8 c && Equals(c);

    public override readonly int GetHashCode() => A;
}
