using AePaint.Effects;
using AePaint.Imaging;
using AePaint.Inference;
using AePaint.TestSupport;

namespace AePaint.Effects.Tests;

/// <summary>A layer in memory, as the host would hand it out.</summary>
public sealed class MemorySource(Bgra8Image image) : IPixelSource
{
    public int Reads;

    public Bgra8Image Image { get; } = image;

    public int Width => Image.Width;

    public int Height => Image.Height;

    public void Read(Rect rect, Span<byte> dest, int destStride)
    {
        Interlocked.Increment(ref Reads);
        Assert.True(new Rect(0, 0, Width, Height).Contains(rect), $"read outside the layer: {rect}");
        for (int y = 0; y < rect.Height; y++)
        {
            Image.Data.AsSpan(((rect.Y + y) * Image.Stride) + (rect.X * 4), rect.Width * 4).CopyTo(dest.Slice(y * destStride));
        }
    }
}

/// <summary>A selection mask over the whole layer (0..255 per pixel).</summary>
public sealed class MemoryMask(int width, int height, Func<int, int, byte> coverage) : IMaskSource
{
    public byte this[int x, int y] => coverage(x, y);

    public void Read(Rect rect, Span<byte> dest)
    {
        for (int y = 0; y < rect.Height; y++)
        {
            for (int x = 0; x < rect.Width; x++)
            {
                Assert.InRange(rect.X + x, 0, width - 1);
                Assert.InRange(rect.Y + y, 0, height - 1);
                dest[(y * rect.Width) + x] = coverage(rect.X + x, rect.Y + y);
            }
        }
    }
}

/// <summary>The tiny real ONNX models, built once per test class.</summary>
public sealed class Models : IDisposable
{
    private readonly TempDir _dir = new();

    public Models()
    {
        Box = TestModels.BoxBlur(_dir.Path, layers: 3);
        Shuffle2 = TestModels.PixelShuffle(_dir.Path, 2);
        Shuffle3 = TestModels.PixelShuffle(_dir.Path, 3);
        NoiseMap = TestModels.SubtractNoiseMap(_dir.Path);
        Folder = _dir.Path;
    }

    public string Folder { get; }

    public string Box { get; }

    public string Shuffle2 { get; }

    public string Shuffle3 { get; }

    public string NoiseMap { get; }

    public ModelSessionCache Sessions { get; } = new();

    public void Dispose()
    {
        Sessions.Dispose();
        _dir.Dispose();
    }
}

public static class Pixels
{
    public static Bgra8Image RenderAll(EffectRun run, int tile = 128, CancellationToken cancel = default)
    {
        var img = new Bgra8Image(run.Layer.Width, run.Layer.Height);
        for (int y = 0; y < img.Height; y += tile)
        {
            for (int x = 0; x < img.Width; x += tile)
            {
                var r = new Rect(x, y, Math.Min(tile, img.Width - x), Math.Min(tile, img.Height - y));
                run.RenderTile(r, img.Data.AsSpan((y * img.Stride) + (x * 4)), img.Stride, cancel);
            }
        }

        return img;
    }

    /// <summary>As Paint.NET renders: square tiles in no particular order, from several threads at once.</summary>
    public static Bgra8Image RenderParallel(EffectRun run, int tile = 128, int threads = 2, CancellationToken cancel = default)
    {
        var img = new Bgra8Image(run.Layer.Width, run.Layer.Height);
        var tiles = new List<Rect>();
        for (int y = 0; y < img.Height; y += tile)
        {
            for (int x = 0; x < img.Width; x += tile)
            {
                tiles.Add(new Rect(x, y, Math.Min(tile, img.Width - x), Math.Min(tile, img.Height - y)));
            }
        }

        var rng = new Random(11);
        tiles = [.. tiles.OrderBy(_ => rng.Next())];
        int next = -1;
        void Worker()
        {
            int k;
            while ((k = Interlocked.Increment(ref next)) < tiles.Count)
            {
                var r = tiles[k];
                run.RenderTile(r, img.Data.AsSpan((r.Y * img.Stride) + (r.X * 4)), img.Stride, cancel);
            }
        }

        Task.WaitAll([.. Enumerable.Range(0, threads).Select(_ => Task.Run(Worker, CancellationToken.None))]);
        return img;
    }

    public static ReadOnlySpan<byte> Px(Bgra8Image img, int x, int y) => img.Data.AsSpan((y * img.Stride) + (x * 4), 4);

    public static int MaxDiff(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b)
    {
        int m = 0;
        for (int i = 0; i < a.Length; i++)
        {
            m = Math.Max(m, Math.Abs(a[i] - b[i]));
        }

        return m;
    }
}
