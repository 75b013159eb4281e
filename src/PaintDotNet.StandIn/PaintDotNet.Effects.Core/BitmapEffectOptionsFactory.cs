namespace PaintDotNet.Effects;

public abstract record BitmapEffectOptionsFactory : EffectOptionsBase
{
    public static BitmapEffectOptions Create() => new();
}
