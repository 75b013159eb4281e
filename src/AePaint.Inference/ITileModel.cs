using AePaint.Imaging;
using AePaint.Inference.Cards;

namespace AePaint.Inference;

/// <summary>What the tiled runner needs from a model: its card and a way to run one window.</summary>
public interface ITileModel
{
    ModelCard Card { get; }

    /// <summary>Fixed graph input width/height, or null when the graph takes any size.</summary>
    int? FixedWidth { get; }

    int? FixedHeight { get; }

    /// <summary>Runs one window (card.GraphInputChannels planes) and returns the output (OutputChannels planes, scale × size).</summary>
    PlanarImage Run(PlanarImage window);

    /// <summary>As <see cref="Run(PlanarImage)"/>, writing into <paramref name="reuse"/> when it has the output's shape
    /// (the tiled engine passes the previous tile's buffer), else returning a new image.</summary>
    PlanarImage Run(PlanarImage window, PlanarImage? reuse) => Run(window);

    /// <summary>
    /// Up to <paramref name="count"/> models that may each run a window at the same time, on separate threads, all
    /// with the same outputs bit for bit. Default: this model alone (the engine then runs windows one by one).
    /// </summary>
    IReadOnlyList<ITileModel> SideBySide(int count) => [this];
}
