namespace PaintDotNet.Rendering;

public struct SizeInt32 : IEquatable<SizeInt32>
{
    public SizeInt32(int width, int height)
    {
        Width = width;
        Height = height;
    }

    public int Width { readonly get; set; }

    public int Height { readonly get; set; }

    public static bool operator ==(SizeInt32 left, SizeInt32 right) => left.Equals(right);

    public static bool operator !=(SizeInt32 left, SizeInt32 right) => !left.Equals(right);

    public readonly bool Equals(SizeInt32 other) => Width == other.Width && Height == other.Height;

    public override readonly bool Equals(object? obj) => obj is SizeInt32 s && Equals(s);

    public override readonly int GetHashCode() => HashCode.Combine(Width, Height);
}
