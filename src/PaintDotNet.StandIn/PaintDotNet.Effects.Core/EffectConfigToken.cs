namespace PaintDotNet.Effects;

public abstract class EffectConfigToken : ICloneable
{
    protected EffectConfigToken()
    {
    }

    protected EffectConfigToken(EffectConfigToken copyMe)
    {
    }

    public abstract object Clone();
}
