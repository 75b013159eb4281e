using System.Drawing;
using PaintDotNet.Imaging;

namespace PaintDotNet.Effects;

public abstract class BitmapEffect<TToken> : BitmapEffect
    where TToken : EffectConfigToken
{
    private TToken? _token;

    protected BitmapEffect(string name, IBitmapSource image, string? submenuName, BitmapEffectOptions options)
        : base(name, image, submenuName, options)
    {
    }

    protected BitmapEffect(string name, Image image, string? submenuName, BitmapEffectOptions options)
        : base(name, image, submenuName, options)
    {
    }

    protected BitmapEffect(string name, string? submenuName, BitmapEffectOptions options)
        : base(name, submenuName, options)
    {
    }

    protected TToken Token => _token ?? throw new InvalidOperationException("no token set by the host");

    protected sealed override void OnSetToken(EffectConfigToken? newToken)
    {
        _token = (TToken?)newToken;
        OnSetToken(_token);
    }

    protected virtual void OnSetToken(TToken? newToken)
    {
    }
}
