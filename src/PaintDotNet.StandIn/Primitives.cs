using System.Runtime.InteropServices;

namespace PaintDotNet.Rendering
{
    public struct SizeInt32
    {
        public SizeInt32(int width, int height)
        {
            Width = width;
            Height = height;
        }

        public int Width { readonly get; set; }

        public int Height { readonly get; set; }
    }

    public struct RectInt32
    {
        public RectInt32(int x, int y, int width, int height)
        {
            X = x;
            Y = y;
            Width = width;
            Height = height;
        }

        public int X { readonly get; set; }

        public int Y { readonly get; set; }

        public int Width { readonly get; set; }

        public int Height { readonly get; set; }
    }
}

namespace PaintDotNet.Imaging
{
    using PaintDotNet.Rendering;

    public interface IPixelInfo
    {
    }

    public interface INaturalPixelInfo : IPixelInfo
    {
    }

    [StructLayout(LayoutKind.Sequential)]
    public struct ColorBgra32 : INaturalPixelInfo, IEquatable<ColorBgra32>
    {
        private byte _b;
        private byte _g;
        private byte _r;
        private byte _a;

        public ColorBgra32(byte b, byte g, byte r, byte a)
        {
            _b = b;
            _g = g;
            _r = r;
            _a = a;
        }

        public byte B { readonly get => _b; set => _b = value; }

        public byte G { readonly get => _g; set => _g = value; }

        public byte R { readonly get => _r; set => _r = value; }

        public byte A { readonly get => _a; set => _a = value; }

        public static bool operator ==(ColorBgra32 left, ColorBgra32 right) => left.Equals(right);

        public static bool operator !=(ColorBgra32 left, ColorBgra32 right) => !left.Equals(right);

        public readonly bool Equals(ColorBgra32 other) => _b == other._b && _g == other._g && _r == other._r && _a == other._a;

        public override readonly bool Equals(object? obj) => obj is ColorBgra32 c && Equals(c);

        public override readonly int GetHashCode() => HashCode.Combine(_b, _g, _r, _a);
    }

    [StructLayout(LayoutKind.Sequential)]
    public struct ColorAlpha8 : INaturalPixelInfo, IEquatable<ColorAlpha8>
    {
        private byte _a;

        public ColorAlpha8(byte a) => _a = a;

        public byte A { readonly get => _a; set => _a = value; }

        public static bool operator ==(ColorAlpha8 left, ColorAlpha8 right) => left._a == right._a;

        public static bool operator !=(ColorAlpha8 left, ColorAlpha8 right) => left._a != right._a;

        public readonly bool Equals(ColorAlpha8 other) => _a == other._a;

        public override readonly bool Equals(object? obj) => obj is ColorAlpha8 c && Equals(c);

        public override readonly int GetHashCode() => _a;
    }

    public interface IBitmapSource : IDisposable
    {
        SizeInt32 Size { get; }
    }

    public interface IBitmapSource<TPixel> : IBitmapSource
        where TPixel : struct, INaturalPixelInfo
    {
    }

    public interface IBitmapLock : IDisposable
    {
        SizeInt32 Size { get; }

        int BufferStride { get; }
    }

    public unsafe interface IBitmapLock<TPixel> : IBitmapLock
        where TPixel : struct, INaturalPixelInfo
    {
        TPixel* Buffer { get; }
    }
}
