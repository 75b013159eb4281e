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
