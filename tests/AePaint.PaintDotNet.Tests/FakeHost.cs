using System.Runtime.InteropServices;
using AePaint.Imaging;
using PaintDotNet.ComponentModel;
using PaintDotNet.Effects;
using PaintDotNet.Imaging;
using PaintDotNet.PropertySystem;
using PaintDotNet.Rendering;

namespace AePaint.PaintDotNet.Tests;

/// <summary>A locked region: a pinned copy; written back on dispose when it is an output lock.</summary>
internal sealed unsafe class PinnedLock<T>(byte[] data, int width, int height, Action<byte[]>? onDispose) : RefTrackedObject, IBitmapLock<T>
    where T : unmanaged, INaturalPixelInfo
{
    private GCHandle _handle = GCHandle.Alloc(data, GCHandleType.Pinned);

    public T* Buffer => (T*)_handle.AddrOfPinnedObject();

    public SizeInt32 Size => new(width, height);

    public int BufferStride => width * Marshal.SizeOf<T>();

    protected override void Dispose(bool disposing)
    {
        if (_handle.IsAllocated)
        {
            onDispose?.Invoke(data);
            _handle.Free();
        }
    }
}

/// <summary>A host bitmap of 4-byte BGRA or 1-byte alpha pixels.</summary>
internal sealed class FakeBitmap<T>(byte[] pixels, int width, int height, Action<RectInt32>? onLock = null) : RefTrackedObject, IEffectInputBitmap<T>
    where T : unmanaged, INaturalPixelInfo
{
    private readonly int _bpp = Marshal.SizeOf<T>();

    public SizeInt32 Size => new(width, height);

    public IBitmapLock<T> Lock(RectInt32 rect)
    {
        Assert.True(rect.X >= 0 && rect.Y >= 0 && rect.X + rect.Width <= width && rect.Y + rect.Height <= height, "lock outside the bitmap");
        onLock?.Invoke(rect);
        var copy = new byte[rect.Width * rect.Height * _bpp];
        for (int y = 0; y < rect.Height; y++)
        {
            Array.Copy(pixels, (((rect.Y + y) * width) + rect.X) * _bpp, copy, y * rect.Width * _bpp, rect.Width * _bpp);
        }

        return new PinnedLock<T>(copy, rect.Width, rect.Height, null);
    }
}

internal sealed class FakeSelection(RectInt32 bounds, IEffectInputBitmap<ColorAlpha8> mask) : RefTrackedObject, IBitmapEffectSelectionInfo
{
    public RectInt32 RenderBounds => bounds;

    public IEffectInputBitmap<ColorAlpha8> MaskBitmap => mask;
}

internal sealed class FakeEnvironment(FakeBitmap<ColorBgra32> source, FakeSelection selection, IReadOnlyList<ExifPropertyItem>? exif = null) : RefTrackedObject, IBitmapEffectEnvironment, IStandInSource
{
    public IBitmapEffectSelectionInfo Selection => selection;

    public IBitmapEffectDocumentInfo Document { get; } = new FakeDocument(exif ?? []);

    public IImagingFactory ImagingFactory => throw new NotSupportedException("the glue uses ImagingFactory.CreateRef()");

    IEffectDocumentInfo IEffectEnvironment.Document => Document;

    IEffectSelectionInfo IEffectEnvironment.Selection => Selection;

    public IEffectInputBitmap<ColorBgra32> GetSourceBitmapBgra32() => source;
}

internal sealed class FakeRenderInfo : IBitmapEffectRenderInfo
{
    public BitmapEffectRenderingFlags Flags { get; set; }

    public BitmapEffectRenderingSchedule Schedule { get; set; }
}

/// <summary>One render call's output region, written into the host's destination layer on unlock.</summary>
internal sealed class FakeOutput(Bgra8Image destination, RectInt32 bounds) : IBitmapEffectOutput, IStandInOutput
{
    public RectInt32 Bounds => bounds;

    public IBitmapLock<ColorBgra32> LockBgra32() =>
        new PinnedLock<ColorBgra32>(new byte[bounds.Width * bounds.Height * 4], bounds.Width, bounds.Height, data =>
        {
            for (int y = 0; y < bounds.Height; y++)
            {
                data.AsSpan(y * bounds.Width * 4, bounds.Width * 4).CopyTo(destination.Data.AsSpan((((bounds.Y + y) * destination.Width) + bounds.X) * 4));
            }
        });
}

/// <summary>Paint.NET's order: construct → attach services/cancel → initialize render info → create properties → set token → render tiles.</summary>
internal sealed class FakeHost
{
    private readonly byte[] _mask;
    private CancellationTokenSource _cts = new();

    public FakeHost(PropertyBasedBitmapEffect effect, Bgra8Image layer, RectInt32? selection = null, Func<int, int, byte>? mask = null, FakeServices? services = null)
    {
        Effect = effect;
        Services = services ?? new FakeServices();
        Layer = layer;
        var bounds = selection ?? new RectInt32(0, 0, layer.Width, layer.Height);
        var maskBytes = new byte[layer.Width * layer.Height];
        for (int y = 0; y < layer.Height; y++)
        {
            for (int x = 0; x < layer.Width; x++)
            {
                bool inside = x >= bounds.X && y >= bounds.Y && x < bounds.X + bounds.Width && y < bounds.Y + bounds.Height;
                maskBytes[(y * layer.Width) + x] = !inside ? (byte)0 : mask?.Invoke(x, y) ?? 255;
            }
        }

        Selection = bounds;
        _mask = maskBytes;
        var source = new FakeBitmap<ColorBgra32>(layer.Data, layer.Width, layer.Height, r => OnSourceLock?.Invoke(r));
        Environment = new FakeEnvironment(source, new FakeSelection(bounds, new FakeBitmap<ColorAlpha8>(maskBytes, layer.Width, layer.Height)));
        Effect.StandInAttach(Services, _cts.Token);
        Effect.StandInInitialize(Environment, RenderInfo);
        Properties = Effect.CreatePropertyCollection();
    }

    public PropertyBasedBitmapEffect Effect { get; }

    public FakeServices Services { get; }

    public Bgra8Image Layer { get; }

    public RectInt32 Selection { get; }

    public FakeEnvironment Environment { get; }

    public FakeRenderInfo RenderInfo { get; } = new();

    public PropertyCollection Properties { get; }

    public Action<RectInt32>? OnSourceLock { get; set; }

    public PropertyBasedEffectConfigToken Token(Action<PropertyBasedEffectConfigToken>? edit = null)
    {
        var token = new PropertyBasedEffectConfigToken(Properties.CloneCore());
        edit?.Invoke(token);
        return token;
    }

    public void SetToken(PropertyBasedEffectConfigToken token) => Effect.StandInSetToken(token);

    public void Cancel() => _cts.Cancel();

    /// <summary>A new run of the effect (the host's next preview): fresh cancellation token.</summary>
    public void Restart()
    {
        _cts = new CancellationTokenSource();
        Effect.StandInAttach(Services, _cts.Token);
    }

    /// <summary>Renders the selection bounds (or <paramref name="area"/>) in square tiles on several threads, as Paint.NET does.</summary>
    public Bgra8Image Render(int tile = 64, RectInt32? area = null)
    {
        var a = area ?? Selection;
        var dest = Layer.Clone();
        var tiles = new List<RectInt32>();
        for (int y = a.Y; y < a.Y + a.Height; y += tile)
        {
            for (int x = a.X; x < a.X + a.Width; x += tile)
            {
                tiles.Add(new RectInt32(x, y, Math.Min(tile, a.X + a.Width - x), Math.Min(tile, a.Y + a.Height - y)));
            }
        }

        // First tile alone (FirstTileIsRenderedWithBarrier), then the rest in parallel.
        Effect.StandInRender(new FakeOutput(dest, tiles[0]));
        Parallel.ForEach(tiles.Skip(1), new ParallelOptions { MaxDegreeOfParallelism = 4 }, t => Effect.StandInRender(new FakeOutput(dest, t)));
        Services.Ui?.Pump(); // the UI thread's message loop runs what the render threads posted
        if (!RenderInfo.Flags.HasFlag(BitmapEffectRenderingFlags.DisableSelectionClipping))
        {
            ClipToSelection(dest);
        }

        return dest;
    }

    /// <summary>Paint.NET's selection clipping: what the effect rendered, blended over the layer through the antialiased mask.</summary>
    private void ClipToSelection(Bgra8Image rendered)
    {
        for (int i = 0; i < _mask.Length; i++)
        {
            int m = _mask[i];
            for (int c = 0; c < 4; c++)
            {
                int o = (i * 4) + c;
                rendered.Data[o] = (byte)(((Layer.Data[o] * (255 - m)) + (rendered.Data[o] * m) + 127) / 255);
            }
        }
    }
}

internal sealed class FakeDocument(IReadOnlyList<ExifPropertyItem> exif) : RefTrackedObject, IBitmapEffectDocumentInfo, IEffectDocumentMetadata
{
    public IEffectDocumentMetadata Metadata => this;

    public IReadOnlyList<ExifPropertyItem> ExifPropertyItems => exif;
}
