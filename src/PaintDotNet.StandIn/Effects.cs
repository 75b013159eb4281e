using PaintDotNet.AppModel;
using PaintDotNet.Imaging;
using PaintDotNet.IndirectUI;
using PaintDotNet.PropertySystem;
using PaintDotNet.Rendering;

namespace PaintDotNet.Effects;

[Flags]
public enum BitmapEffectRenderingFlags : ulong
{
    None = 0,
    SingleThreaded = 1,
    DisableSelectionClipping = 2,
    ForceAliasedSelectionQuality = 4,
    FirstTileIsRenderedWithBarrier = 8,
    UninitializedOutputBuffer = 16,
}

public enum BitmapEffectRenderingSchedule : long
{
    None = 0,
    HorizontalStrips = 1,
    SquareTiles = 2,
}

public interface IBitmapEffectRenderInfo
{
    BitmapEffectRenderingFlags Flags { get; set; }

    BitmapEffectRenderingSchedule Schedule { get; set; }
}

public interface IEffectInputBitmap<TPixel> : IBitmapSource<TPixel>
    where TPixel : struct, INaturalPixelInfo
{
    IBitmapLock<TPixel> Lock(RectInt32 rect);
}

public interface IEffectSelectionInfo : IDisposable
{
    RectInt32 RenderBounds { get; }

    IEffectInputBitmap<ColorAlpha8> MaskBitmap { get; }
}

public interface IBitmapEffectSelectionInfo : IEffectSelectionInfo
{
}

public interface IEffectEnvironment : IDisposable
{
    IEffectDocumentInfo Document { get; }
}

public interface IEffectDocumentInfo
{
    IEffectDocumentMetadata Metadata { get; }
}

/// <summary>Stand-in name (see Primitives.cs: the glue reads only the member).</summary>
public interface IEffectDocumentMetadata
{
    IReadOnlyList<ExifPropertyItem> ExifPropertyItems { get; }
}

public interface IBitmapEffectEnvironment : IEffectEnvironment
{
    IBitmapEffectSelectionInfo Selection { get; }
}

public interface IBitmapEffectOutput
{
    RectInt32 Bounds { get; }
}

/// <summary>Stand-in only: how the test host supplies what Paint.NET's extension methods return.</summary>
internal interface IStandInSource
{
    IEffectInputBitmap<ColorBgra32> GetSourceBitmapBgra32();
}

/// <summary>Stand-in only: the test host's output buffer.</summary>
internal interface IStandInOutput
{
    IBitmapLock<ColorBgra32> LockBgra32();
}

public static class EffectEnvironmentExtensions
{
    public static IEffectInputBitmap<ColorBgra32> GetSourceBitmapBgra32(this IEffectEnvironment environment) =>
        environment is IStandInSource s ? s.GetSourceBitmapBgra32() : throw new NotSupportedException("compile-only stand-in");
}

public static class BitmapEffectOutputExtensions
{
    public static IBitmapLock<ColorBgra32> LockBgra32(this IBitmapEffectOutput output) =>
        output is IStandInOutput o ? o.LockBgra32() : throw new NotSupportedException("compile-only stand-in");
}

public static class SubmenuNames
{
    public static string Noise => "Noise";

    public static string Photo => "Photo";
}

public abstract record EffectOptionsBase : PluginOptions
{
    public bool IsConfigurable { get; set; }
}

public abstract record BitmapEffectOptionsFactory : EffectOptionsBase
{
    public static BitmapEffectOptions Create() => new();
}

public record BitmapEffectOptions : BitmapEffectOptionsFactory;

public abstract class EffectConfigToken
{
}

public class PropertyBasedEffectConfigToken : EffectConfigToken
{
    public PropertyBasedEffectConfigToken(PropertyCollection propertyCollection) => Properties = propertyCollection;

    internal PropertyCollection Properties { get; }

    public Property GetProperty(object propertyName) =>
        Properties[propertyName] ?? throw new KeyNotFoundException($"no property '{propertyName}'");

    public T GetProperty<T>(object propertyName)
        where T : Property => (T)GetProperty(propertyName);
}

public abstract class EffectBase : IDisposable
{
    private CancellationToken _cancel;
    private IServiceProvider? _services;

    protected IServiceProvider Services => _services ?? throw new InvalidOperationException("not initialized by the host");

    protected CancellationToken CancellationToken => _cancel;

    protected bool IsCancelRequested => _cancel.IsCancellationRequested;

    public void Dispose()
    {
        OnDispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void OnDispose(bool disposing)
    {
    }

    internal void StandInAttach(IServiceProvider services, CancellationToken cancel)
    {
        _services = services;
        _cancel = cancel;
    }
}

public abstract class BitmapEffect : EffectBase
{
    private IBitmapEffectEnvironment? _environment;

    protected IBitmapEffectEnvironment Environment => _environment ?? throw new InvalidOperationException("not initialized by the host");

    protected virtual void OnInitializeRenderInfo(IBitmapEffectRenderInfo renderInfo)
    {
    }

    protected abstract void OnRender(IBitmapEffectOutput output);

    internal void StandInInitialize(IBitmapEffectEnvironment environment, IBitmapEffectRenderInfo renderInfo)
    {
        _environment = environment;
        OnInitializeRenderInfo(renderInfo);
    }

    internal void StandInRender(IBitmapEffectOutput output) => OnRender(output);

    internal abstract void StandInSetToken(EffectConfigToken? token);
}

public abstract class BitmapEffect<TToken> : BitmapEffect
    where TToken : EffectConfigToken
{
    protected TToken? Token { get; private set; }

    protected virtual void OnSetToken(TToken? newToken)
    {
    }

    internal override void StandInSetToken(EffectConfigToken? token)
    {
        Token = (TToken?)token;
        OnSetToken(Token);
    }
}

public abstract class PropertyBasedBitmapEffect : BitmapEffect<PropertyBasedEffectConfigToken>
{
    protected PropertyBasedBitmapEffect(string name, string? submenuName, BitmapEffectOptions options)
    {
        StandInName = name;
        StandInSubmenu = submenuName;
        StandInOptions = options;
    }

    protected PropertyBasedBitmapEffect(string name, IBitmapSource image, string? submenuName, BitmapEffectOptions options)
        : this(name, submenuName, options)
    {
        StandInImage = image;
    }

    internal string StandInName { get; }

    internal IBitmapSource? StandInImage { get; }

    internal string? StandInSubmenu { get; }

    internal BitmapEffectOptions StandInOptions { get; }

    public PropertyCollection CreatePropertyCollection() => OnCreatePropertyCollection();

    public static ControlInfo CreateDefaultConfigUI(IEnumerable<Property> props) => new(props);

    protected abstract PropertyCollection OnCreatePropertyCollection();

    protected virtual ControlInfo OnCreateConfigUI(PropertyCollection props) => CreateDefaultConfigUI(props);

    internal ControlInfo StandInCreateConfigUI(PropertyCollection props) => OnCreateConfigUI(props);
}
