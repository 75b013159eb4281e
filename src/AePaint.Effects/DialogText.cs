namespace AePaint.Effects;

/// <summary>What the dialogs say, computed from the selection, the layer and the installed models.</summary>
public static class DialogText
{
    /// <summary>
    /// The super-resolution output modes with the sizes they produce for every installed scale. Effects cannot
    /// resize the canvas, so "into the canvas" names the canvas size to set first.
    /// </summary>
    public static string SuperResolutionOutputs(Rect selection, IReadOnlyCollection<int> scales, int layerWidth, int layerHeight)
    {
        int[] list = scales.Count == 0 ? [2] : scales.Distinct().Order().ToArray();
        string Results() => string.Join(", ", list.Select(s => $"×{s} → {Size(selection, s)}"));
        var needed = list.Select(s => (Scale: s, Canvas: Geometry.CanvasNeeded(selection, s, layerWidth, layerHeight))).ToArray();
        var grow = needed.Where(n => n.Canvas != (layerWidth, layerHeight)).ToArray();

        var intoCanvas = grow.Length == 0
            ? $"Into the canvas: the result ({Results()}) fits at the selection's top-left."
            : $"Into the canvas: effects cannot resize the canvas, so enlarge the canvas first (Image › Canvas Size, anchored top-left) to "
              + string.Join(", ", grow.Select(n => $"{n.Canvas.Width}×{n.Canvas.Height} for ×{n.Scale}"))
              + $"; otherwise the result ({Results()}) is cut at the canvas edge.";
        return intoCanvas
            + $"\nClipboard: the layer stays as it is; the full result ({Results()}) goes to the clipboard for Edit › Paste into New Image."
            + "\nEnhance detail: upscaled, then scaled back to the selection's size, in place.";
    }

    /// <summary>The "also save as PNG" checkbox description.</summary>
    public static string SavePng(string folder) =>
        $"Clipboard mode only: also save the result as a PNG file in {folder} (one file per different result; the clipboard is used too).";

    /// <summary>The ×<paramref name="scale"/> size of the selection; one past <see cref="OutputLimit"/> says so.</summary>
    private static string Size(Rect selection, int scale) =>
        $"{(long)selection.Width * scale}×{(long)selection.Height * scale}"
        + (OutputLimit.Problem(selection, scale) is null ? string.Empty : $" (too large: at most {OutputLimit.MaxPixels / 1_000_000} megapixels)");
}
