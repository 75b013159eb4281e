using System.Runtime.InteropServices;

namespace PaintDotNet.Imaging;

[StructLayout(LayoutKind.Sequential)]
public struct ColorBgra32 : INaturalPixelInfo, IPixelInfo, IEquatable<ColorBgra32>
{
    public ColorBgra32(byte b, byte g, byte r, byte a)
    {
        B = b;
        G = g;
        R = r;
        A = a;
    }

    public byte B { readonly get; set; }

    public byte G { readonly get; set; }

    public byte R { readonly get; set; }

    public byte A { readonly get; set; }

    public static bool operator ==(ColorBgra32 left, ColorBgra32 right) => left.Equals(right);

    public static bool operator !=(ColorBgra32 left, ColorBgra32 right) => !left.Equals(right);

    public readonly bool Equals(ColorBgra32 other) => B == other.B && G == other.G && R == other.R && A == other.A;

    public override readonly bool Equals(object? obj) => obj is ColorBgra32 c && Equals(c);

    public override readonly int GetHashCode() => HashCode.Combine(B, G, R, A);
}
