using System.Diagnostics;
using System.Globalization;
using AePaint.Evaluation.Peers;
using AePaint.ImageFiles;
using AePaint.Imaging;
using AePaint.Imaging.Metrics;
using AePaint.Imaging.Noise;
using AePaint.Inference;

namespace AePaint.Cli.Commands.Bench;

/// <summary>
/// A photo through the whole CLI path — decode, noise estimate, model, encode — timed per stage in a child process
/// (its peak memory is its own). Denoise: a 12 MP noisy JPEG (the bundled sample mirrored to 4:3, σ 10, quality
/// 92), scored against the clean image and set beside ffmpeg dctdnoiz on the same file when ffmpeg is installed.
/// Upscale: a 3 MP JPEG enlarged ×s.
/// </summary>
internal static class PhotoBench
{
    private const float NoiseSigma = 10f;

    public static int Run(CliConsole console, ModelSession model, double mp, int tile)
    {
        var dir = Path.Combine(Path.GetTempPath(), "aepaint-photobench-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(dir);
        try
        {
            bool denoise = model.Card.NoiseMap is not null || model.Card.Scale == 1;
            var (w, h) = BenchImages.FourByThree(mp);
            var clean = ImageFile.Load(DemoCommand.FindSample()).MirroredTo(w, h);
            var input = Path.Combine(dir, "photo.jpg");
            var degraded = denoise ? PixelConversion.ToBgra8(GaussianNoise.AddAwgn(PixelConversion.ToPlanar(clean), NoiseSigma, seed: 1, clip: true)) : clean;
            ImageFile.Save(input, degraded, quality: 92);
            var output = Path.Combine(dir, "ours.jpg");
            console.Output.WriteLine($"photo: {w}×{h} ({w * h / 1e6:F1} MP) JPEG q92{(denoise ? $", σ {NoiseSigma:0} noise" : string.Empty)} → {Path.GetFileName(model.ModelPath)} ×{model.Card.Scale}, tile {tile}, JPEG out as `aepaint` writes it by default ({PeakRss.LoadNote()})");
            int code = ChildProcess.Run(console, ["bench", "-m", model.ModelPath, "--photo-probe", input, "--photo-out", output, "--tile", tile.ToString(CultureInfo.InvariantCulture)]);
            if (code != 0 || !denoise)
            {
                return code;
            }

            var before = ProtocolScores.Denoise(clean, ImageFile.Load(input)).Psnr;
            var ours = ProtocolScores.Denoise(clean, ImageFile.Load(Path.ChangeExtension(output, ".png"))).Psnr;
            var jpeg = ProtocolScores.Denoise(clean, ImageFile.Load(output)).Psnr;
            console.Output.WriteLine($"PSNR vs clean: noisy JPEG {before:F2} dB, AePaint {ours:F2} dB ({ours - before:+0.00;-0.00;0.00} dB) as PNG like dctdnoiz's below, {jpeg:F2} dB ({jpeg - before:+0.00;-0.00;0.00} dB) as the default JPEG");
            Dctdnoiz(console, input, Path.Combine(dir, "dctdnoiz.png"), clean, before);
            return 0;
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>The child's side: the timed stages of `aepaint denoise|upscale` on one file.</summary>
    public static int Probe(CliConsole console, string modelPath, string input, string output, int tile)
    {
        var total = Stopwatch.StartNew();
        using var model = ModelSession.Open(modelPath, ExecutionDevice.Cpu);
        double load = total.Elapsed.TotalSeconds;
        var clock = Stopwatch.StartNew();
        var loaded = ImageFile.LoadWithMetadata(input);
        double decode = Lap(clock);
        float? sigma = SigmaRange.Of(model.Card) is { } range ? range.Limit(NoiseLevel.Estimate(loaded.Pixels)) : null;
        double estimate = Lap(clock);
        var (image, report) = TiledRunner.Run(model, loaded.Pixels, new RunSettings { TileSize = tile, Sigma = sigma });
        double run = Lap(clock);
        ImageFile.Save(output, image, loaded.Metadata);
        double encode = Lap(clock);
        double all = total.Elapsed.TotalSeconds;
        long peak = PeakRss.Bytes();
        ImageFile.Save(Path.ChangeExtension(output, ".png"), image, loaded.Metadata); // what the old bench timed
        double png = Lap(clock);
        var s = sigma is { } v ? $" (σ auto {v:F1})" : string.Empty;
        console.Output.WriteLine($"AePaint end to end: {all:F1} s = session {load:F1} + decode {decode:F1} + estimate {estimate:F1}{s} + model {run:F1} + encode {encode:F1} (as PNG instead: {png:F1}); {loaded.Pixels.PixelCount / 1e6 / run:F2} MP/s in the model ({report.Tiles} windows, {report.SideBySide} side by side, reading {ThroughputBench.Read(report, loaded.Pixels):F2}× the image); peak RSS {peak / 1e9:F2} GB");
        return 0;
    }

    private static void Dctdnoiz(CliConsole console, string input, string output, Bgra8Image clean, double before)
    {
        var peer = ExternalDenoiser.Create("dctdnoiz", Environment.GetEnvironmentVariable("PATH") ?? string.Empty);
        if (peer is null || !peer.Installed)
        {
            console.Output.WriteLine($"ffmpeg dctdnoiz: not installed — {peer?.MissingReason}");
            return;
        }

        var clock = Stopwatch.StartNew();
        peer.RunOnFiles(NoiseSigma, input, output, CancellationToken.None);
        double seconds = clock.Elapsed.TotalSeconds;
        var psnr = ProtocolScores.Denoise(clean, ImageFile.Load(output)).Psnr;
        console.Output.WriteLine($"ffmpeg dctdnoiz (σ {NoiseSigma:0} given, {peer.Version}): {seconds:F1} s, {psnr:F2} dB ({psnr - before:+0.00;-0.00;0.00} dB)");
    }

    private static double Lap(Stopwatch clock)
    {
        double s = clock.Elapsed.TotalSeconds;
        clock.Restart();
        return s;
    }
}
