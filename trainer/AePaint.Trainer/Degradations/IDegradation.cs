using AePaint.Imaging;

namespace AePaint.Trainer.Degradations;

/// <summary>
/// One degradation step on a planar R, G, B patch in [0, 1] (values may leave [0, 1] when a step does not clip).
/// Steps hold only configuration: every random choice comes from the <see cref="Random"/> passed in, so a seed
/// fixes the result. Thread-safe for concurrent calls with different generators.
/// </summary>
public interface IDegradation
{
    /// <summary>Short name used in reports ("awgn", "jpeg", …).</summary>
    string Name { get; }

    /// <summary>Output side for an input side (only resizing steps change it).</summary>
    int OutputSize(int inputSize) => inputSize;

    /// <summary>
    /// Degrades <paramref name="image"/> (3 planes). It may be modified in place and returned, or a new image
    /// returned (resizing steps); callers must use the returned image and not rely on the input afterwards.
    /// </summary>
    DegradationResult Apply(PlanarImage image, Random rng);
}
