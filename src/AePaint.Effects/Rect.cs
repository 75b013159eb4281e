namespace AePaint.Effects;

/// <summary>An integer rectangle in layer pixels (the plain twin of Paint.NET's RectInt32).</summary>
public readonly record struct Rect(int X, int Y, int Width, int Height)
{
    public int Right => X + Width;

    public int Bottom => Y + Height;

    public bool IsEmpty => Width <= 0 || Height <= 0;

    public long Area => IsEmpty ? 0 : (long)Width * Height;

    public static Rect FromEdges(int left, int top, int right, int bottom) => new(left, top, right - left, bottom - top);

    public Rect Intersect(Rect o)
    {
        int l = Math.Max(X, o.X), t = Math.Max(Y, o.Y), r = Math.Min(Right, o.Right), b = Math.Min(Bottom, o.Bottom);
        return r <= l || b <= t ? default : FromEdges(l, t, r, b);
    }

    public Rect Inflate(int margin) => new(X - margin, Y - margin, Width + (2 * margin), Height + (2 * margin));

    public bool Contains(int x, int y) => x >= X && y >= Y && x < Right && y < Bottom;

    public bool Contains(Rect o) => o.X >= X && o.Y >= Y && o.Right <= Right && o.Bottom <= Bottom;

    public override string ToString() => $"{Width}×{Height} at ({X}, {Y})";
}
