using AePaint.TestSupport;
using AePaint.Trainer.Training;
using TorchSharp;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace AePaint.Trainer.Tests.Training;

/// <summary>Neighbor2Neighbor: the sub-sampler's cells, and real steps on noisy-only tiny images.</summary>
public sealed class Neighbor2NeighborTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempDir _dir = new();

    [Fact]
    public void SubsamplerTakesOnePixelOfEachCellAndADifferentNeighbourForG2()
    {
        TorchRuntime.Initialize();
        using var scope = NewDisposeScope(); // holds every temporary while libtorch reads it
        const int N = 2, C = 3, H = 8, W = 12;

        // Each value is its own flat index, so a sub-sampled value says where it came from.
        using var x = TensorMath.Arange(N * C * H * W, ScalarType.Float64).reshape(N, C, H, W);
        var (first, second) = Neighbor2Neighbor.DrawCells(new Random(42), N, H / 2, W / 2);
        var g1 = Neighbor2Neighbor.Subsample(x, first).data<double>().ToArray();
        var g2 = Neighbor2Neighbor.Subsample(x, second).data<double>().ToArray();
        Assert.Equal(N * C * (H / 2) * (W / 2), g1.Length);
        var directions = new HashSet<(int, int)>();
        for (int n = 0; n < N; n++)
        {
            for (int c = 0; c < C; c++)
            {
                for (int cy = 0; cy < H / 2; cy++)
                {
                    for (int cx = 0; cx < W / 2; cx++)
                    {
                        int k = (((((n * C) + c) * (H / 2)) + cy) * (W / 2)) + cx;
                        var (n1, c1, y1, x1) = Unflatten((long)g1[k]);
                        var (n2, c2, y2, x2) = Unflatten((long)g2[k]);
                        Assert.Equal((n, c, n, c), (n1, c1, n2, c2));
                        Assert.Equal((cy, cx), (y1 / 2, x1 / 2)); // g1: a pixel of this very cell
                        Assert.Equal((cy, cx), (y2 / 2, x2 / 2)); // g2: the same cell
                        Assert.Equal(1, Math.Abs(y1 - y2) + Math.Abs(x1 - x2)); // a 4-neighbour, not itself or the diagonal
                        directions.Add((y2 - y1, x2 - x1));
                        if (c > 0)
                        {
                            // Every channel of a pixel uses the same cell choice.
                            var (_, _, y0, x0) = Unflatten((long)g1[k - ((H / 2) * (W / 2))]);
                            Assert.Equal((y0, x0), (y1, x1));
                        }
                    }
                }
            }
        }

        Assert.Equal(4, directions.Count); // up, down, left and right all occur

        // Deterministic with a seed; another seed draws other cells.
        var again = Neighbor2Neighbor.DrawCells(new Random(42), N, H / 2, W / 2).First.data<long>().ToArray();
        Assert.Equal(first.data<long>().ToArray(), again);
        Assert.NotEqual(first.data<long>().ToArray(), Neighbor2Neighbor.DrawCells(new Random(43), N, H / 2, W / 2).First.data<long>().ToArray());

        static (int N, int C, int Y, int X) Unflatten(long i) =>
            ((int)(i / (C * H * W)), (int)(i / (H * W) % C), (int)(i / W % H), (int)(i % W));
    }

    [Fact]
    public void PixelShuffleSplitsEachPatchIntoItsStrideTwoSubImages()
    {
        TorchRuntime.Initialize();
        using var scope = NewDisposeScope();
        const int N = 2, C = 4, H = 6, W = 8;
        using var x = TensorMath.Arange(N * C * H * W, ScalarType.Float64).reshape(N, C, H, W);
        using var split = Neighbor2Neighbor.PixelUnshuffle(x, 2);
        Assert.Equal(new long[] { N * 4, C, H / 2, W / 2 }, split.shape);
        var values = split.data<double>().ToArray();
        for (int n = 0; n < N; n++)
        {
            for (int sub = 0; sub < 4; sub++)
            {
                for (int c = 0; c < C; c++)
                {
                    for (int i = 0; i < H / 2; i++)
                    {
                        for (int j = 0; j < W / 2; j++)
                        {
                            int y = (2 * i) + (sub / 2), xx = (2 * j) + (sub % 2);
                            double expected = (((((n * C) + c) * H) + y) * W) + xx;
                            Assert.Equal(expected, values[(((((((n * 4) + sub) * C) + c) * (H / 2)) + i) * (W / 2)) + j]);
                        }
                    }
                }
            }
        }

        Assert.Same(x, Neighbor2Neighbor.PixelUnshuffle(x, 1));
    }

    [Fact]
    public void PixelShuffleMakesACamerasCorrelatedNoiseNearlyIndependentBetweenNeighbours()
    {
        // One simulated camera (demosaiced, chroma-smoothed, sharpened noise) on a flat grey: neighbours in the photo
        // share much of their noise, which is what Neighbor2Neighbor's pairs must not; in the stride-2 sub-images they don't.
        TorchRuntime.Initialize();
        const int S = 256;
        var grey = new AePaint.Imaging.PlanarImage(3, S, S);
        Array.Fill(grey.Data, 0.5f);
        var camera = new AePaint.Trainer.Degradations.CameraNoise(4e-3, 4e-3, 2e-4, 2e-4, maxChromaBlur: 1, minSharpen: 0.5, maxSharpen: 0.5, minChromaBlur: 1);
        var noisy = camera.Apply(grey, new Random(3)).Image;
        using var scope = NewDisposeScope();
        using var x = tensor(noisy.Data, [1, 3, S, S]).Minus(0.5);
        using var split = Neighbor2Neighbor.PixelUnshuffle(x, 2);
        double full = Lag1(x), sub = Lag1(split);
        output.WriteLine($"horizontal lag-1 noise correlation: photo {full:F3}, stride-2 sub-images {sub:F3}");
        Assert.True(full > 0.3, $"camera noise correlation {full}");
        Assert.True(Math.Abs(sub) < 0.15, $"sub-image correlation {sub}");

        static double Lag1(Tensor t)
        {
            long w = t.shape[3];
            using var scope = NewDisposeScope();
            using var a = t.narrow(3, 0, w - 1).flatten();
            using var b = t.narrow(3, 1, w - 1).flatten();
            return (a * b).mean().item<float>() / Math.Sqrt((a * a).mean().item<float>() * (b * b).mean().item<float>());
        }
    }

    [SkippableFact]
    public void DifferenceRatioTellsWhiteNoiseFromACamerasCorrelatedNoise()
    {
        var photo = AePaint.Imaging.PixelConversion.ToPlanar(AePaint.ImageFiles.ImageFile.Load(Path.Combine(TestPaths.SharedData, "train", "skimage", "coffee.png")));
        var rng = new Random(5);
        var white = photo.Clone();
        for (int i = 0; i < white.Data.Length; i++)
        {
            white.Data[i] += 15f / 255 * (float)(Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble()));
        }

        var camera = new AePaint.Trainer.Degradations.CameraNoise(4e-3, 4e-3, 2e-4, 2e-4, maxChromaBlur: 1, minSharpen: 0.5, maxSharpen: 0.5, minChromaBlur: 1);
        var jpeg = new AePaint.Trainer.Degradations.JpegCompression(90, 90);
        var cameraJpeg = AePaint.Trainer.Degradations.CameraJpeg.Apply(AePaint.Trainer.Degradations.CameraJpeg.For(camera, jpeg), photo, new Random(5)).Image;
        double Ratio(AePaint.Imaging.PlanarImage image) =>
            NoiseCorrelation.DifferenceRatio([new Batch(image.Data, [], 1, 3, image.Width, image.Height, 1)]);
        double w = Ratio(white), c = Ratio(cameraJpeg);
        output.WriteLine($"difference ratio: white σ 15 {w:F2}, camera JPEG {c:F2}");
        Assert.True(w < NoiseCorrelation.CorrelatedAbove, $"white noise read {w}");
        Assert.True(c > NoiseCorrelation.CorrelatedAbove, $"camera noise read {c}");
    }

    [Fact]
    public void GammaRampsFromZeroToTheConfiguredValue()
    {
        Assert.Equal(0, Neighbor2Neighbor.GammaAt(0, 100, 2));
        Assert.Equal(1, Neighbor2Neighbor.GammaAt(50, 100, 2), 12);
        Assert.Equal(2, Neighbor2Neighbor.GammaAt(100, 100, 2), 12);
    }

    [Fact]
    public void NoisyOnlyStepsReduceTheLossAndImproveValidationPsnr()
    {
        var options = new TrainOptions
        {
            Task = "denoise",
            Network = new() { Preset = "tiny" },
            Data = new() { Folders = ["synthetic"], PreDownscale = 1, PatchSize = 32, BatchSize = 4 },
            NoisyOnly = new() { Enabled = true },
            Schedule = new() { Steps = 40, WarmupSteps = 2, ValidateEvery = 20, CheckpointEvery = 20 },
            Optimiser = new() { LearningRate = 2e-3 },
            Run = new() { Seed = 7 },
        };
        Assert.Empty(options.Problems());
        var run = _dir.File("n2n");
        var data = new NoisyOnlyData(new SyntheticData(32, 4));
        var result = new TrainingLoop(options, data, run, TextWriter.Null).Run(resume: false);
        var losses = result.Curve.Select(p => p.Loss).ToArray();
        output.WriteLine(string.Join(" ", losses.Select(l => l.ToString("E3", System.Globalization.CultureInfo.InvariantCulture))));
        Assert.True(losses.TakeLast(5).Average() < losses.Take(5).Average() * 0.8, "N2N loss did not fall by 20 %");
        Assert.Equal(40, data.BatchesServed);
        var validated = result.Curve.Where(p => p.ValidationLoss.HasValue).ToArray();
        Assert.Equal(2, validated.Length);
        Assert.All(validated, p => Assert.True(p.ValidationPsnr.HasValue, "the clean validation target should give a PSNR"));
        output.WriteLine($"validation PSNR {validated[0].ValidationPsnr:F2} → {validated[1].ValidationPsnr:F2}, loss {validated[0].ValidationLoss:E3} → {validated[1].ValidationLoss:E3}");
        Assert.True(validated[1].ValidationLoss < validated[0].ValidationLoss, "held-out self-supervised loss did not fall");
        Assert.True(validated[1].ValidationPsnr > validated[0].ValidationPsnr, "validation PSNR did not rise");

        // The noisy input itself scores 20.2 dB (σ 25): the net removes noise it never saw a clean target for.
        Assert.True(validated[1].ValidationPsnr > 20.5, $"validation PSNR {validated[1].ValidationPsnr} after 40 steps");
    }

    public void Dispose() => _dir.Dispose();

    /// <summary>The synthetic set with its training targets taken away: the loop must learn from noisy inputs alone.</summary>
    private sealed class NoisyOnlyData(SyntheticData inner) : ITrainingData
    {
        public int BatchesServed { get; private set; }

        public IReadOnlyList<Batch> Validation => inner.Validation;

        public Batch TrainBatch(long step)
        {
            BatchesServed++;
            return inner.TrainBatch(step) with { Target = [] };
        }
    }
}
