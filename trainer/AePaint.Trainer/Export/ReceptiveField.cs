using AePaint.Trainer.Nets;
using TorchSharp;
using static TorchSharp.torch;

namespace AePaint.Trainer.Export;

/// <summary>
/// Measures how far input pixels really influence an output pixel: the gradient of the centre output with
/// respect to the input, on a real-looking input. The radius beyond which the summed |gradient| is below
/// <c>threshold</c> bounds the change a tile border can make (inputs differ by at most 1 there), so it is the
/// tile overlap that keeps tiled output within that threshold of a whole-image run. Never above the theoretical field.
/// </summary>
internal static class ReceptiveField
{
    public static int Measure(TrainableNet net, double threshold = 1e-4, Tensor? sample = null)
    {
        int rf = net.TheoreticalReceptiveField;
        int m = net.MultipleOf;
        int side = Math.Min(256, ((((2 * rf) + 1) / m) + 2) * m);
        using var scope = NewDisposeScope();
        var x = sample is null ? rand(1, 3, side, side) : sample.narrow(2, 0, side).narrow(3, 0, side).clone();
        if (net.Task == Inference.Cards.ModelTask.Denoise)
        {
            x = cat([x, TensorMath.Full([1, 1, side, side], 25f / 255f)], 1);
        }

        x.requires_grad_(true);
        var y = net.Module.forward(x);
        int c = (side * net.Scale) / 2;
        y.narrow(2, c, 1).narrow(3, c, 1).sum().backward();
        var g = x.grad!.abs().sum([0L, 1L]); // side × side (literal 0 would bind to the ScalarType overload)
        var grad = g.contiguous().data<float>().ToArray();
        int centre = side / 2;
        double total = 0;
        for (int r = (side / 2) - 1; r >= 0; r--)
        {
            // Mass on the ring at Chebyshev distance r+1 from the centre pixel.
            total += RingSum(grad, side, centre, r + 1);
            if (total > threshold)
            {
                return Math.Min(rf, r + 1);
            }
        }

        return 0;
    }

    private static double RingSum(float[] g, int side, int centre, int r)
    {
        double s = 0;
        for (int y = centre - r; y <= centre + r; y++)
        {
            for (int x = centre - r; x <= centre + r; x++)
            {
                if ((Math.Abs(y - centre) == r || Math.Abs(x - centre) == r) && (uint)x < (uint)side && (uint)y < (uint)side)
                {
                    s += g[(y * side) + x];
                }
            }
        }

        return s;
    }
}
