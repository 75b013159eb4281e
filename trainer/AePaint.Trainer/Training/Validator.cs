using AePaint.ImageFiles;
using AePaint.Imaging;
using AePaint.Imaging.Metrics;
using AePaint.Inference.Cards;
using AePaint.Trainer.Nets;
using static TorchSharp.torch;

namespace AePaint.Trainer.Training;

/// <summary>
/// Scores the held-out photos with the evaluation protocol's rules (8-bit output; RGB PSNR for denoise, Y PSNR with
/// the scale cropped for SR), writes a before | after | target strip of the first one, and stops a run whose
/// output has collapsed to a constant. Any net can be scored on the same crops (the fine-tune guard scores its base).
/// </summary>
internal sealed class Validator(IReadOnlyList<Batch> batches, string runDir, ModelTask task, TrainOptions options)
{
    public ValidationResult Run(TrainableNet net, long step, bool samples = true)
    {
        if (batches.Count == 0)
        {
            return new ValidationResult(double.NaN, double.NaN, double.NaN);
        }

        net.Module.eval();
        double psnr = 0, ssim = 0, self = 0;
        int n = 0;
        using var noGrad = no_grad();
        for (int b = 0; b < batches.Count; b++)
        {
            var batch = batches[b];
            using var scope = NewDisposeScope();
            var input = tensor(batch.Input, [batch.Count, batch.InputChannels, batch.Height, batch.Width]);
            var output = net.Module.forward(input).Clamp(0, 1).contiguous();
            CheckCollapse(output, batch, step);
            if (options.NoisyOnly.Enabled)
            {
                // Seeded by the crop's index: every validation (and the base) sees the same sub-samplings.
                self += Neighbor2Neighbor.Loss(net.Module, input, new Random(7_000 + b), options.NoisyOnly.N2nGamma, options.NoisyOnly.N2nStride).Total.item<float>();
            }

            int ow = batch.Width * batch.Scale, oh = batch.Height * batch.Scale, plane = 3 * ow * oh;
            var values = output.data<float>().ToArray();
            for (int i = 0; i < batch.Count; i++)
            {
                var restored = PixelConversion.ToBgra8(new PlanarImage(3, ow, oh, values.AsSpan(i * plane, plane).ToArray()));
                Bgra8Image? target = null;
                if (batch.Target.Length > 0)
                {
                    target = PixelConversion.ToBgra8(new PlanarImage(3, ow, oh, batch.Target.AsSpan(i * plane, plane).ToArray()));
                    var (p, s) = task == ModelTask.Denoise ? ProtocolScores.Denoise(target, restored) : ProtocolScores.SuperResolution(target, restored, batch.Scale);
                    psnr += p;
                    ssim += s;
                    n++;
                }

                if (samples && b == 0 && i == 0)
                {
                    WriteStrip(step, batch, restored, target);
                }
            }
        }

        return new ValidationResult(n > 0 ? psnr / n : double.NaN, n > 0 ? ssim / n : double.NaN, options.NoisyOnly.Enabled ? self / batches.Count : double.NaN);
    }

    private static void CheckCollapse(Tensor output, Batch batch, long step)
    {
        double outStd = output.std().item<float>();

        // Without a clean target the noisy input's spread stands in: a collapsed output is flat either way.
        var target = batch.Target.Length > 0 ? tensor(batch.Target) : tensor(batch.Input).reshape(batch.Count, batch.InputChannels, -1).narrow(1, 0, 3);
        double targetStd = target.std().item<float>();
        if (targetStd > 0.02 && outStd < 1e-3)
        {
            throw new TrainingDivergedException($"the output collapsed to a constant at step {step} (output std {outStd:E1}, target std {targetStd:F3}); the last good checkpoint is kept");
        }
    }

    // Input (upscaled nearest for SR) | model output | target (when there is one), side by side.
    private void WriteStrip(long step, Batch batch, Bgra8Image restored, Bgra8Image? target)
    {
        int w = restored.Width, h = restored.Height, s = batch.Scale;
        var strip = new Bgra8Image(w * (target is null ? 2 : 3), h);
        int inPlane = batch.Width * batch.Height;
        for (int y = 0; y < h; y++)
        {
            for (int x = 0; x < w; x++)
            {
                int src = ((y / s) * batch.Width) + (x / s);
                long o = (((long)y * strip.Width) + x) * 4;
                strip.Data[o] = PixelConversion.ToByte(batch.Input[src + (2 * inPlane)]);
                strip.Data[o + 1] = PixelConversion.ToByte(batch.Input[src + inPlane]);
                strip.Data[o + 2] = PixelConversion.ToByte(batch.Input[src]);
                strip.Data[o + 3] = 255;
                restored.Row(y).Slice(x * 4, 4).CopyTo(strip.Data.AsSpan((int)(o + (w * 4)), 4));
                target?.Row(y).Slice(x * 4, 4).CopyTo(strip.Data.AsSpan((int)(o + (2 * w * 4)), 4));
            }
        }

        var dir = Path.Combine(runDir, "samples");
        Directory.CreateDirectory(dir);
        // The run folder is this run's own (a new run refuses an existing one); a resumed run may redo a step's sample.
        ImageFile.Save(Path.Combine(dir, $"step-{step:D8}.png"), strip, null, new SaveOptions { Overwrite = true });
    }
}
