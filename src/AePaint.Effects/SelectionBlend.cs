using AePaint.Imaging;

namespace AePaint.Effects;

/// <summary>
/// How a render tile is drawn: the source pixels, the split view's divider, and the result blended in through the
/// selection's coverage where the run changes the layer.
/// </summary>
public sealed class SelectionBlend(IPixelSource source, Rect layer)
{
    private byte[]? _mask;

    /// <summary>
    /// Reads the selection's coverage once, when this run blends through it (not when the host masks the result itself,
    /// nor for "into canvas" and the clipboard, which replace or leave the layer).
    /// </summary>
    public void ReadMask(IMaskSource? maskSource, Rect selection, bool hostMasksSelection, SuperResolutionOutput output)
    {
        if (maskSource != null && !hostMasksSelection && output != SuperResolutionOutput.IntoCanvas && output != SuperResolutionOutput.Clipboard)
        {
            _mask = new byte[selection.Area];
            maskSource.Read(selection, _mask);
        }
    }

    /// <summary>Clips <paramref name="tile"/> to the layer (moving <paramref name="dest"/> along) and copies the source there.</summary>
    public bool ReadSource(ref Rect tile, ref Span<byte> dest, int destStride)
    {
        var origin = tile;
        tile = tile.Intersect(layer);
        if (tile.IsEmpty)
        {
            return false;
        }

        if (tile != origin)
        {
            dest = dest.Slice(((tile.Y - origin.Y) * destStride) + ((tile.X - origin.X) * 4));
        }

        source.Read(tile, dest, destStride);
        return true;
    }

    /// <summary>The part of <paramref name="tile"/> the result goes into; with the split view, draws the divider and keeps the result's side.</summary>
    public static Rect ResultArea(Rect tile, Span<byte> dest, int destStride, Rect changed, bool splitView)
    {
        var area = tile.Intersect(changed);
        if (splitView && !area.IsEmpty)
        {
            SplitPreview.DrawDivider(tile, dest, destStride, changed);
            area = SplitPreview.ResultPart(area, changed);
        }

        return area;
    }

    /// <summary>Blends <paramref name="result"/> (covering <paramref name="resultRect"/>) into <paramref name="area"/> of the tile.</summary>
    public void Blend(Span<byte> dest, int destStride, Rect tile, Rect area, Bgra8Image result, Rect resultRect, RunGeometry geometry) =>
        ResultImages.Blend(dest, destStride, tile, area, result, resultRect, geometry.Output != SuperResolutionOutput.IntoCanvas ? _mask : null, geometry.Selection);
}
