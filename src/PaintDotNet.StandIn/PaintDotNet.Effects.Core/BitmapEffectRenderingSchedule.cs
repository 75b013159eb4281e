namespace PaintDotNet.Effects;

public enum BitmapEffectRenderingSchedule : long
{
    None = 0,
    HorizontalStrips = 1,
    SquareTiles = 2,
}
