namespace AePaint.Effects;

/// <summary>The three ways an upscale can leave Paint.NET (effects cannot resize the canvas).</summary>
public enum SuperResolutionOutput
{
    /// <summary>Render the ×s result into the canvas anchored at the selection's top-left (enlarge the canvas first).</summary>
    IntoCanvas,

    /// <summary>Put the full-size result on the clipboard for Edit › Paste into New Image; the layer is unchanged.</summary>
    Clipboard,

    /// <summary>Upscale, then MATLAB-bicubic back to the original size: same size, enhanced detail.</summary>
    EnhanceInPlace,
}
