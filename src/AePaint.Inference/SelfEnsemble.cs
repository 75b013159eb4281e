using AePaint.Imaging;
using AePaint.Inference.Cards;

namespace AePaint.Inference;

/// <summary>
/// Runs a model on several flipped/turned copies of each window and averages the outputs turned back
/// ("self-ensemble", the "+" of EDSR+/RCAN+): no new weights, a little more accuracy, <see cref="Passes"/>× the time.
/// 2 passes = as is + mirrored; 4 = the four flips; 8 = also the four transposes (needs a model that takes any
/// window shape, or square windows). Buffers are kept per instance, so one instance serves one run at a time.
/// </summary>
public sealed class SelfEnsemble : ITileModel
{
    public static readonly int[] AllowedPasses = [1, 2, 4, 8];

    private readonly ITileModel _inner;
    private PlanarImage? _turned, _turnedSwapped, _innerOut, _innerOutSwapped;

    public SelfEnsemble(ITileModel inner, int passes)
    {
        if (!AllowedPasses.Contains(passes))
        {
            throw new ArgumentOutOfRangeException(nameof(passes), $"Self-ensemble passes {passes} must be 1, 2, 4 or 8.");
        }

        if (passes == 8 && inner.FixedWidth != inner.FixedHeight)
        {
            throw new ArgumentException($"Model '{inner.Card.Name}' takes fixed {inner.FixedWidth}×{inner.FixedHeight} windows, which cannot be turned a quarter; use at most 4 passes.", nameof(passes));
        }

        _inner = inner;
        Passes = passes;
    }

    public int Passes { get; }

    public ModelCard Card => _inner.Card;

    public int? FixedWidth => _inner.FixedWidth;

    public int? FixedHeight => _inner.FixedHeight;

    public PlanarImage Run(PlanarImage window) => Run(window, null);

    public PlanarImage Run(PlanarImage window, PlanarImage? reuse)
    {
        int s = Card.Scale, cout = Card.OutputChannels;
        var sum = reuse is { } r && r.Channels == cout && r.Width == window.Width * s && r.Height == window.Height * s
            ? reuse
            : new PlanarImage(cout, window.Width * s, window.Height * s);
        Array.Clear(sum.Data);
        for (int k = 0; k < Passes; k++)
        {
            var input = k == 0 ? window : Turn(window, k);
            var output = Dihedral.SwapsAxes(k)
                ? _innerOutSwapped = _inner.Run(input, _innerOutSwapped)
                : _innerOut = _inner.Run(input, _innerOut);
            Dihedral.AddInverse(output, k, sum);
        }

        float inv = 1f / Passes;
        var d = sum.Data;
        for (int i = 0; i < d.Length; i++)
        {
            d[i] *= inv;
        }

        return sum;
    }

    private PlanarImage Turn(PlanarImage window, int k)
    {
        bool swap = Dihedral.SwapsAxes(k);
        var (w, h) = swap ? (window.Height, window.Width) : (window.Width, window.Height);
        ref var buffer = ref swap ? ref _turnedSwapped : ref _turned;
        if (buffer is null || buffer.Channels != window.Channels || buffer.Width != w || buffer.Height != h)
        {
            buffer = new PlanarImage(window.Channels, w, h);
        }

        Dihedral.Apply(window, k, buffer);
        return buffer;
    }
}
