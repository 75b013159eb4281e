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

namespace PaintDotNet.Imaging
{
    using System.Runtime.CompilerServices;
    using PaintDotNet.Rendering;

    [Flags]
    public enum BitmapLockOptions
    {
        Read = 1,
        Write = 2,
        ReadWrite = Read | Write,
    }

    public interface IBitmap : IBitmapSource
    {
        IBitmapLock Lock(RectInt32 rect, BitmapLockOptions lockOptions);
    }

    public interface IBitmap<TPixel> : IBitmap, IBitmapSource<TPixel>
        where TPixel : unmanaged, INaturalPixelInfo
    {
        new IBitmapLock<TPixel> Lock(RectInt32 rect, BitmapLockOptions lockOptions);
    }

    /// <summary>The factory's many members are left out: the glue only creates bitmaps through the extension below.</summary>
    public interface IImagingFactory : IDisposable
    {
    }

    public static class ImagingFactory
    {
        public static IImagingFactory CreateRef() => new StandInImagingFactory();
    }

    public static class ImagingFactoryExtensions
    {
        public static IBitmap<TPixel> CreateBitmap<TPixel>(this IImagingFactory factory, int width, int height)
            where TPixel : unmanaged, INaturalPixelInfo =>
            factory is StandInImagingFactory ? new StandInBitmap<TPixel>(width, height) : throw new NotSupportedException("compile-only stand-in");
    }

    /// <summary>Stand-in only: a managed factory so tests can see the bitmaps the glue makes (icons, clipboard).</summary>
    internal sealed class StandInImagingFactory : IImagingFactory
    {
        public void Dispose()
        {
        }
    }

    /// <summary>Stand-in only: pixels in a pinned managed array.</summary>
    internal sealed unsafe class StandInBitmap<TPixel>(int width, int height) : IBitmap<TPixel>
        where TPixel : unmanaged, INaturalPixelInfo
    {
        internal byte[] Pixels { get; } = GC.AllocateArray<byte>(checked(width * height * sizeof(TPixel)), pinned: true);

        public SizeInt32 Size => new(width, height);

        public IBitmapLock<TPixel> Lock(RectInt32 rect, BitmapLockOptions lockOptions)
        {
            if (rect.X < 0 || rect.Y < 0 || rect.X + rect.Width > width || rect.Y + rect.Height > height)
            {
                throw new ArgumentOutOfRangeException(nameof(rect));
            }

            int stride = width * sizeof(TPixel);
            var start = (TPixel*)Unsafe.AsPointer(ref Pixels[(rect.Y * stride) + (rect.X * sizeof(TPixel))]);
            return new PinnedLock(start, new SizeInt32(rect.Width, rect.Height), stride);
        }

        IBitmapLock IBitmap.Lock(RectInt32 rect, BitmapLockOptions lockOptions) => Lock(rect, lockOptions);

        public void Dispose()
        {
        }

        private sealed class PinnedLock(TPixel* buffer, SizeInt32 size, int stride) : IBitmapLock<TPixel>
        {
            public TPixel* Buffer => buffer;

            public SizeInt32 Size => size;

            public int BufferStride => stride;

            public void Dispose()
            {
            }
        }
    }
}

namespace PaintDotNet.Imaging
{
    // Document EXIF as PDN 5 effects see it. Member names (Path.Section, Path.TagID, Value.Type, Value.Data) follow
    // public plugin code (PSFilterPdn) written against Paint.NET 5; type names here are stand-in guesses that the glue
    // never spells out (it uses var), so only the member names must match the real DLLs.
    public enum ExifSection
    {
        Image = 0,
        Photo = 1,
        Interop = 2,
        GpsInfo = 3,
    }

    public enum ExifValueType : ushort
    {
        Byte = 1,
        Ascii = 2,
        Short = 3,
        Long = 4,
        Rational = 5,
    }

    public readonly record struct ExifPropertyPath(ExifSection Section, ushort TagID);

    public sealed record ExifValue(ExifValueType Type, IReadOnlyList<byte> Data);

    public sealed record ExifPropertyItem(ExifPropertyPath Path, ExifValue Value);
}
