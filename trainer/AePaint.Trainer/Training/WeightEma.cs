using AePaint.Trainer.Nets;
using static TorchSharp.torch;

namespace AePaint.Trainer.Training;

/// <summary>
/// Exponential moving average of a net's weights (Polyak averaging, as EDSR/SwinIR/SPAN training uses): a second
/// net whose weights follow the trained one's, ema ← d·ema + (1 − d)·w after every step. The decay ramps up as
/// min(d, (1 + t)/(10 + t)) so the average forgets its random start quickly; it depends only on the step, so a
/// resumed run averages exactly as an uninterrupted one.
/// </summary>
internal sealed class WeightEma : IDisposable
{
    private readonly double decay;

    public WeightEma(TrainableNet source, double decay)
    {
        this.decay = decay;
        Net = TrainableNet.Create(source.Task, source.Preset.Name, source.Scale, seed: 0); // the weights are copied next
        CopyFrom(source);
        Net.Module.eval();
    }

    /// <summary>The averaged net: what validation and export use.</summary>
    public TrainableNet Net { get; }

    public static double DecayAt(double decay, long step) => Math.Min(decay, (1.0 + step) / (10.0 + step));

    /// <summary>One averaging step after optimizer step <paramref name="step"/> (0-based).</summary>
    public void Update(TrainableNet source, long step)
    {
        double d = DecayAt(decay, step);
        using var noGrad = no_grad();
        foreach (var (e, w) in Net.Module.parameters().Zip(source.Module.parameters()))
        {
            e.Times_(d).AddScaled_(w, 1 - d);
        }
    }

    /// <summary>Restarts the average at the source's weights (a checkpoint written without one).</summary>
    public void CopyFrom(TrainableNet source)
    {
        using var noGrad = no_grad();
        foreach (var (e, w) in Net.Module.parameters().Zip(source.Module.parameters()))
        {
            e.copy_(w);
        }
    }

    public void Dispose() => Net.Dispose();
}
