using AePaint.Imaging;

namespace AePaint.Inference;

/// <summary>
/// One lane's window buffers in a <see cref="TileJob"/>, allocated on its first tile and overwritten by every later
/// one: a 512 tile's window is megabytes of large-object heap, and inside Paint.NET we cannot tune the host's GC
/// (the CLI sets ConserveMemory).
/// </summary>
internal sealed class TileBuffers
{
    /// <summary>The window's colour in [0, 1] model colour space, before the card's value range.</summary>
    public PlanarImage? Colour { get; set; }

    /// <summary>The window's alpha, for images with transparency.</summary>
    public float[]? Alpha { get; set; }

    /// <summary>What the graph reads: colour in the card's value range, plus the noise-level plane.</summary>
    public PlanarImage? Window { get; set; }

    /// <summary>The model's last output.</summary>
    public PlanarImage? Result { get; set; }
}
