using System.Drawing;
using PaintDotNet.Imaging;

namespace PaintDotNet.Effects;

public abstract class BitmapEffect : EffectBase
{
    private IBitmapEffectEnvironment? _environment;

    protected BitmapEffect(string name, IBitmapSource image, string? submenuName, BitmapEffectOptions options)
        : this(name, submenuName, options) => StandInImage = image;

    protected BitmapEffect(string name, Image image, string? submenuName, BitmapEffectOptions options)
        : this(name, submenuName, options)
    {
    }

    protected BitmapEffect(string name, string? submenuName, BitmapEffectOptions options)
    {
        StandInName = name;
        StandInSubmenu = submenuName;
        StandInOptions = options;
    }

    protected new IBitmapEffectEnvironment Environment => _environment ?? throw new InvalidOperationException("not initialized by the host");

    internal string StandInName { get; }

    internal IBitmapSource? StandInImage { get; }

    internal string? StandInSubmenu { get; }

    internal BitmapEffectOptions StandInOptions { get; }

    /// <summary>Overridden by the derived class to specify rendering information.</summary>
    protected virtual void OnInitializeRenderInfo(IBitmapEffectRenderInfo renderInfo)
    {
    }

    protected abstract void OnRender(IBitmapEffectOutput output);

    protected virtual void OnSetToken(EffectConfigToken? newToken)
    {
    }

    internal void StandInInitialize(IBitmapEffectEnvironment environment, IBitmapEffectRenderInfo renderInfo)
    {
        _environment = environment;
        StandInSetEnvironment(environment);
        OnInitializeRenderInfo(renderInfo);
    }

    internal void StandInRender(IBitmapEffectOutput output) => OnRender(output);

    internal void StandInSetToken(EffectConfigToken? token) => OnSetToken(token);
}
