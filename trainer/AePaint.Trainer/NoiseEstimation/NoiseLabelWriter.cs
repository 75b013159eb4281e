using System.Diagnostics;
using System.Globalization;
using AePaint.Imaging;
using AePaint.Imaging.Metrics;
using AePaint.Imaging.Resize;
using AePaint.Inference;
using AePaint.Trainer.Data;
using AePaint.Trainer.Degradations;
using AePaint.Trainer.Training;

namespace AePaint.Trainer.NoiseEstimation;

/// <summary>
/// Writes a <see cref="NoiseLabelSet"/>: random crops of training photos degraded as photos are (camera noise then
/// JPEG; the same noise with twice the grain size, as DSLRs' in-camera processing leaves it; clean JPEGs; white
/// noise, sometimes JPEG'd), each labelled by running the denoiser at every σ of a grid (real ONNX Runtime runs) and
/// keeping its PSNR against the clean crop. The label is what the denoiser needs, not the noise's pixel σ.
/// </summary>
internal static class NoiseLabelWriter
{
    /// <summary>σ grid of the sweep (0..255 units): roughly geometric, as the PSNR curves are smooth in log σ.</summary>
    public static readonly double[] DefaultGrid = [0, 1, 2, 3, 4, 6, 8, 11, 15, 20, 27, 36];

    private static readonly JpegCompression MaybeJpeg = new(CameraJpeg.MinQuality, CameraJpeg.MaxQuality);

    public static void Write(IReadOnlyList<string> photos, string modelPath, string folder, int count, int size, int seed, TextWriter log)
    {
        using var model = ModelSession.OpenCpu(modelPath, new CpuTuning { Threads = 1 });
        if (model.Card.NoiseMap is null)
        {
            throw new TrainerException($"{modelPath}: not a noise-map denoiser");
        }

        log.WriteLine($"decoding {photos.Count} photos…");
        var decoded = photos.Select((p, i) => RgbPhoto.Load(p, i % 2 == 0 ? 2 : 4)).Where(p => p.Width >= size && p.Height >= size).ToArray();
        Directory.CreateDirectory(folder);
        var grid = DefaultGrid;
        using var crops = new FileStream(Path.Combine(folder, NoiseLabelSet.CropsFile), FileMode.CreateNew);
        using var labels = new StreamWriter(Path.Combine(folder, NoiseLabelSet.LabelsFile)) { AutoFlush = true };
        labels.WriteLine(NoiseLabelSet.Header(size, grid));
        var clock = Stopwatch.StartNew();
        var bytes = new byte[3 * size * size];
        for (int i = 0; i < count; i++)
        {
            var rng = SeededRandom.For(seed, i);
            var photo = decoded[rng.Next(decoded.Length)];
            var clean = new PlanarImage(3, size, size);
            photo.Extract(rng.Next(photo.Width - size + 1), rng.Next(photo.Height - size + 1), size, rng.Next(8), clean.Data);
            var (kind, noisy, detail) = Degrade(clean, rng);
            var psnr = grid.Select(s => Score(model, clean, noisy, s)).ToArray();
            for (int k = 0; k < bytes.Length; k++)
            {
                bytes[k] = PixelConversion.ToByte(noisy.Data[k]);
            }

            crops.Write(bytes);
            crops.Flush();
            var label = new NoiseLabel(i, kind, detail, NoiseLabelSet.BestSigma(grid, psnr), psnr);
            labels.WriteLine(NoiseLabelSet.Row(label));
            if (i % 50 == 0)
            {
                log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{i + 1}/{count} {clock.Elapsed.TotalSeconds / (i + 1):F2} s/crop: {kind} {detail} best σ {label.BestSigma:F1}"));
            }
        }
    }

    /// <summary>One draw of the degradations a photo to be denoised may carry, 8-bit levels.</summary>
    private static (string Kind, PlanarImage Noisy, string Detail) Degrade(PlanarImage clean, Random rng)
    {
        double u = rng.NextDouble();
        if (u < 0.4)
        {
            var d = CameraJpeg.Apply(clean, rng);
            return ("camera", d.Image, string.Join(" → ", d.Steps));
        }

        if (u < 0.55)
        {
            return Coarse(clean, rng);
        }

        if (u < 0.8)
        {
            var d = RealLowResolution.Apply(new DegradationPipeline(new DegradationStage(MaybeJpeg)), clean, rng);
            return (NoiseNetTraining.CleanKind, d.Image, string.Join(" → ", d.Steps));
        }

        var awgn = new DegradationPipeline(new DegradationStage(new AwgnNoise(0.5, 40, clip: true)), new DegradationStage(MaybeJpeg, 0.5));
        var w = RealLowResolution.Apply(awgn, clean, rng);
        return ("awgn", w.Image, string.Join(" → ", w.Steps));
    }

    /// <summary>Camera noise drawn at half size and enlarged 2× onto the clean crop (coarser grain), then JPEG.</summary>
    private static (string Kind, PlanarImage Noisy, string Detail) Coarse(PlanarImage clean, Random rng)
    {
        int half = clean.Width / 2;
        var small = MatlabBicubic.Resize(clean, half, half);
        var noisySmall = CameraNoise.Default.Apply(small.Clone(), rng);
        var noise = new PlanarImage(3, half, half);
        for (int k = 0; k < noise.Data.Length; k++)
        {
            noise.Data[k] = noisySmall.Image.Data[k] - small.Data[k];
        }

        var big = MatlabBicubic.Resize(noise, clean.Width, clean.Height);
        var sum = clean.Clone();
        for (int k = 0; k < sum.Data.Length; k++)
        {
            sum.Data[k] += big.Data[k];
        }

        var d = RealLowResolution.Apply(new DegradationPipeline(new DegradationStage(MaybeJpeg)), sum, rng);
        return ("camera-coarse", d.Image, noisySmall.Report + " ×2 → " + string.Join(" → ", d.Steps));
    }

    /// <summary>PSNR (RGB, 8-bit result) of the denoiser told σ against the clean crop.</summary>
    private static double Score(ModelSession model, PlanarImage clean, PlanarImage noisy, double sigma)
    {
        int plane = noisy.Width * noisy.Height;
        var input = new PlanarImage(4, noisy.Width, noisy.Height);
        noisy.Data.CopyTo(input.Data, 0);
        input.Data.AsSpan(3 * plane).Fill((float)(sigma / model.Card.NoiseMap!.Divisor));
        var output = model.Run(input);
        for (int k = 0; k < output.Data.Length; k++)
        {
            output.Data[k] = PixelConversion.ToByte(output.Data[k]) / 255f;
        }

        return ProtocolScores.Denoise(clean, output, withSsim: false).Psnr;
    }
}
