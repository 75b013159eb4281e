namespace PaintDotNet.Effects;

public interface IBitmapEffectRenderInfo
{
    BitmapEffectRenderingFlags Flags { get; set; }

    BitmapEffectRenderingSchedule Schedule { get; set; }
}
