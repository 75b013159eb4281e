namespace PaintDotNet.Rendering;

/// <summary>Only the members the glue uses (constructor, X, Y, Width, Height).</summary>
public struct RectInt32 : IEquatable<RectInt32>
{
    public RectInt32(int x, int y, int width, int height)
    {
        X = x;
        Y = y;
        Width = width;
        Height = height;
    }

    public RectInt32(int x, int y, SizeInt32 size)
        : this(x, y, size.Width, size.Height)
    {
    }

    public int X { readonly get; set; }

    public int Y { readonly get; set; }

    public int Width { readonly get; set; }

    public int Height { readonly get; set; }

    public static bool operator ==(RectInt32 left, RectInt32 right) => left.Equals(right);

    public static bool operator !=(RectInt32 left, RectInt32 right) => !left.Equals(right);

    public readonly bool Equals(RectInt32 other) => X == other.X && Y == other.Y && Width == other.Width && Height == other.Height;

    public override readonly bool Equals(object? obj) => obj is RectInt32 r && Equals(r);

    public override readonly int GetHashCode() => HashCode.Combine(X, Y, Width, Height);
}
