namespace AePaint.Imaging;

/// <summary>
/// Float32 planar image (channel-major, like one NCHW tensor with N = 1). Values are usually in [0, 1].
/// Models, metrics, resize and noise estimation all work on this layout.
/// </summary>
public sealed class PlanarImage
{
    public PlanarImage(int channels, int width, int height)
        : this(channels, width, height, new float[checked(channels * width * height)])
    {
    }

    public PlanarImage(int channels, int width, int height, float[] data)
    {
        if (channels < 1 || width < 0 || height < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(channels), $"Planar image {channels}×{width}×{height} is not valid.");
        }

        if (data.Length != channels * width * height)
        {
            throw new ArgumentException($"Buffer holds {data.Length} floats; {channels}×{width}×{height} needs {channels * width * height}.", nameof(data));
        }

        Channels = channels;
        Width = width;
        Height = height;
        Data = data;
    }

    public int Channels { get; }

    public int Width { get; }

    public int Height { get; }

    public float[] Data { get; }

    public int PlaneSize => Width * Height;

    public Span<float> Plane(int c) => Data.AsSpan(c * PlaneSize, PlaneSize);

    public float this[int c, int x, int y]
    {
        get => Data[(c * Height + y) * Width + x];
        set => Data[(c * Height + y) * Width + x] = value;
    }

    public PlanarImage Clone() => new(Channels, Width, Height, (float[])Data.Clone());
}
