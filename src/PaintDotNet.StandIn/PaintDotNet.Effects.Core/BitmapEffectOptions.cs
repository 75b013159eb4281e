namespace PaintDotNet.Effects;

public record BitmapEffectOptions : BitmapEffectOptionsFactory;
