using AePaint.ImageFiles;
using AePaint.Imaging;
using AePaint.Inference;
using AePaint.Inference.Cards;
using AePaint.Inference.Embedding;
using AePaint.TestSupport;
using AePaint.Trainer.Cli;
using AePaint.Trainer.Export;
using AePaint.Trainer.Latent;
using AePaint.Trainer.Nets;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace AePaint.Trainer.Tests.Latent;

/// <summary>
/// Photos in two source folders and a tiny embedder trained once for the class (real TorchSharp, real ONNX Runtime),
/// on first use: without the shared data each test is then skipped with the reason (a fixture's constructor failure
/// would fail them instead).
/// </summary>
public sealed class LatentFixture : IDisposable
{
    private readonly TempDir _dir = new();
    private readonly Lazy<Trained> _trained;

    public LatentFixture() => _trained = new(Train);

    public string Dir => _dir.Path;

    public string Photos => _trained.Value.Photos;

    internal PatchBank Bank => _trained.Value.Bank;

    internal LatentOptions Options => _trained.Value.Options;

    internal PatchAutoencoder Autoencoder => _trained.Value.Autoencoder;

    internal IReadOnlyList<LatentStep> Steps => _trained.Value.Steps;

    public string EmbedderPath => _trained.Value.EmbedderPath;

    /// <summary>Reconstruction MSE of the untrained autoencoder on the fixed evaluation patches.</summary>
    public double MseBefore => _trained.Value.MseBefore;

    public double Parity => _trained.Value.Parity;

    /// <summary>Per-pixel MSE of <paramref name="reconstruct"/> on the first 64 bank patches: a fixed set, unlike the training batches.</summary>
    internal static double ReconstructionMse(Func<Tensor, Tensor> reconstruct, PatchBank bank)
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        int n = Math.Min(64, bank.Count);
        var x = tensor(bank.Slice(0, n), [n, 3, bank.Patch, bank.Patch]);
        return nn.functional.mse_loss(reconstruct(x), x).item<float>();
    }

    public void Dispose()
    {
        if (_trained.IsValueCreated)
        {
            _trained.Value.Autoencoder.Dispose();
        }

        _dir.Dispose();
    }

    private Trained Train()
    {
        TorchRuntime.Initialize();
        var set14 = TestPaths.EvalSet("Set14");
        var photos = Path.Combine(_dir.Path, "photos");
        foreach (var (folder, names) in new[] { ("people", new[] { "face", "lenna" }), ("things", new[] { "pepper", "monarch" }) })
        {
            var dir = Directory.CreateDirectory(Path.Combine(photos, folder)).FullName;
            foreach (var n in names)
            {
                File.Copy(Path.Combine(set14, n + ".png"), Path.Combine(dir, n + ".png"));
            }
        }

        var bank = new PatchBank([photos], patch: 16, patchesPerPhoto: 24, maxPhotos: 10, seed: 1, log: null);
        var options = new LatentOptions { Kind = "embed", Data = [photos], Name = "embed-test", Patch = 16, Latent = 8, Width = 8, Batch = 16, Steps = 120, LearningRate = 3e-3 };
        var autoencoder = new PatchAutoencoder(16, 8, 8);
        SeededInit.Apply(autoencoder, 1);
        var mseBefore = ReconstructionMse(autoencoder.forward, bank);
        var steps = LatentTraining.TrainAutoencoder(autoencoder, bank, options, TextWriter.Null, CancellationToken.None);
        var embedderPath = Path.Combine(_dir.Path, "embed-test.onnx");
        var parity = LatentExport.ExportEncoder(autoencoder.Encoder, 16, 8, LatentExport.Card(options, ModelTask.Embed, autoencoder.Encoder, steps, TimeSpan.Zero, bank), embedderPath, bank);
        return new Trained(photos, bank, options, autoencoder, steps, embedderPath, mseBefore, parity);
    }

    private sealed record Trained(string Photos, PatchBank Bank, LatentOptions Options, PatchAutoencoder Autoencoder, IReadOnlyList<LatentStep> Steps, string EmbedderPath, double MseBefore, double Parity);
}

/// <summary>The embedder autoencoder, the VAE, their ONNX exports and the domain written at export.</summary>
public sealed class LatentTests(LatentFixture f, ITestOutputHelper output) : IClassFixture<LatentFixture>
{
    [SkippableFact]
    public void Kl_term_equals_the_closed_form()
    {
        TorchRuntime.Initialize();
        double[] mu = [0.0, 1.5, -0.7, 2.0], sigma2 = [1.0, 0.25, 3.0, 0.5];
        using var mean = tensor(mu.Select(v => (float)v).ToArray(), [2, 2, 1, 1]);
        using var logVar = tensor(sigma2.Select(v => (float)Math.Log(v)).ToArray(), [2, 2, 1, 1]);
        var kl = PatchVae.Kl(mean, logVar).data<float>().ToArray();

        // KL(N(μ, σ²) ‖ N(0, 1)) = ½ (σ² + μ² − 1 − ln σ²) per coordinate, summed over each sample's latent.
        double Closed(int i) => 0.5 * (sigma2[i] + (mu[i] * mu[i]) - 1 - Math.Log(sigma2[i]));
        Assert.Equal(Closed(0) + Closed(1), kl[0], 5);
        Assert.Equal(Closed(2) + Closed(3), kl[1], 5);
        using var zero = zeros(1, 3, 1, 1);
        Assert.Equal(0f, PatchVae.Kl(zero, zero).item<float>(), 6); // the prior itself
    }

    [SkippableFact]
    public void Autoencoder_reconstruction_loss_falls()
    {
        double first = f.MseBefore, last = LatentFixture.ReconstructionMse(f.Autoencoder.forward, f.Bank);
        output.WriteLine($"AE MSE on fixed patches {first:G4} → {last:G4} over {f.Steps.Count} steps");
        Assert.True(last < first * 0.8, $"reconstruction did not improve: {first} → {last}");
    }

    [SkippableFact]
    public void Vae_reconstruction_falls_and_the_decoder_exports_with_parity()
    {
        var o = f.Options with { Kind = "vae", Name = "vae-test", Latent = 2, Steps = 150, Beta = 0.1 };
        using var vae = new PatchVae(16, 8, 2);
        SeededInit.Apply(vae, 2);
        Tensor Reconstruct(Tensor x) => vae.Decoder.forward(vae.forward(x).Mean); // the mean decoding: no sampling noise
        double first = LatentFixture.ReconstructionMse(Reconstruct, f.Bank);
        var steps = LatentTraining.TrainVae(vae, f.Bank, o, TextWriter.Null, CancellationToken.None);
        double last = LatentFixture.ReconstructionMse(Reconstruct, f.Bank);
        output.WriteLine($"VAE MSE on fixed patches {first:G4} → {last:G4}, KL {steps[^1].Kl:G3}");
        Assert.True(last < first * 0.85, $"reconstruction did not improve: {first} → {last}");

        var path = Path.Combine(f.Dir, "vae-test.onnx");
        double parity = LatentExport.ExportDecoder(vae.Decoder, LatentExport.Card(o, ModelTask.Generate, vae.Decoder, steps, TimeSpan.Zero, f.Bank), path);
        Assert.InRange(parity, 0, OnnxExporter.Tolerance);
        using var session = ModelSession.Open(path, ExecutionDevice.Cpu);
        Assert.Equal(ModelTask.Generate, session.Card.Task);
        var patch = session.Run(new PlanarImage(2, 1, 1, [0.5f, -1f]));
        Assert.Equal((3, 16, 16), (patch.Channels, patch.Width, patch.Height));
    }

    [SkippableFact]
    public void Encoder_exports_as_an_embedder_with_parity()
    {
        Assert.InRange(f.Parity, 0, OnnxExporter.Tolerance);
        using var session = ModelSession.Open(f.EmbedderPath, ExecutionDevice.Cpu);
        Assert.Equal(ModelTask.Embed, session.Card.Task);
        Assert.Equal(8, session.Card.OutputChannels);
        Assert.Equal(16, ImageEmbedding.PatchSize(session));
    }

    [SkippableFact]
    public void An_images_embedding_is_stable_under_small_crops()
    {
        using var session = ModelSession.Open(f.EmbedderPath, ExecutionDevice.Cpu);
        var set14 = TestPaths.EvalSet("Set14");
        var baboon = ImageFile.Load(Path.Combine(set14, "baboon.png"));
        var other = ImageFile.Load(Path.Combine(set14, "ppt3.png"));
        var e = ImageEmbedding.Compute(session, baboon);
        var cropped = ImageEmbedding.Compute(session, Crop(baboon, 20, 14, baboon.Width - 36, baboon.Height - 30));
        var different = ImageEmbedding.Compute(session, other);
        double same = ImageEmbedding.Cosine(e, cropped), diff = ImageEmbedding.Cosine(e, different);
        output.WriteLine($"cosine: crop {same:F4}, other photo {diff:F4}");
        Assert.True(same > 0.98, $"crop cosine {same}");
        Assert.True(same > diff, $"crop {same} not closer than another photo {diff}");
        Assert.True(Distance(e, cropped) < Distance(e, different) / 3);
    }

    [SkippableFact]
    public void Export_time_domain_measures_the_training_photos_with_the_embedder()
    {
        var model = TestModels.BoxBlur(Directory.CreateDirectory(Path.Combine(f.Dir, "stamp")).FullName);
        var log = new StringWriter();
        DomainStamp.Apply(model, f.EmbedderPath, [f.Photos], ["monarch.png"], log);
        using var session = ModelSession.Open(model, ExecutionDevice.Cpu);
        var domain = session.Card.Domain!;
        Assert.Equal(3, domain.Photos); // monarch excluded
        Assert.Equal("embed-test", domain.Embedder);
        Assert.Equal(ModelFingerprint.OfFile(f.EmbedderPath), domain.EmbedderHash);
        Assert.Equal(8, domain.Dimensions);
        Assert.Contains("domain: 3 training photos", log.ToString(), StringComparison.Ordinal);
        Assert.Equal(domain.Centroid, ModelCardJson.Deserialize(File.ReadAllText(ModelCardJson.SidecarPath(model)), "sidecar").Domain!.Centroid);

        DomainStamp.Apply(model, DomainStamp.None, [f.Photos], [], log); // "none": nothing happens
    }

    [SkippableFact]
    public async Task Vae_command_writes_the_grid_the_scatter_and_the_decoder()
    {
        var run = Path.Combine(f.Dir, "vae-run");
        var o = new StringWriter();
        var e = new StringWriter();
        int exit = await TrainerCli.RunAsync(["vae", "--data", f.Photos, "--patch", "16", "--width", "8", "--steps", "20", "--batch", "8", "--patches-per-photo", "8", "--grid", "4", "--run", run, "--threads", "1"], o, e);
        Assert.True(exit == 0, e.ToString() + o);
        Assert.Contains("2 source folder(s): people, things", o.ToString(), StringComparison.Ordinal);
        var grid = ImageFile.Load(Path.Combine(run, "latent-grid.png"));
        Assert.True(grid.Width > 4 * 16 && grid.Height > 4 * 16);
        Assert.True(ImageFile.Load(Path.Combine(run, "latent-scatter.png")).Width > 100);
        using var session = ModelSession.Open(Path.Combine(run, "vae.onnx"), ExecutionDevice.Cpu);
        Assert.Equal((ModelTask.Generate, 2), (session.Card.Task, session.Card.InputChannels));
    }

    private static Bgra8Image Crop(Bgra8Image src, int x0, int y0, int w, int h)
    {
        var dst = new Bgra8Image(w, h);
        for (int y = 0; y < h; y++)
        {
            src.Data.AsSpan(((y0 + y) * src.Stride) + (x0 * 4), w * 4).CopyTo(dst.Row(y));
        }

        return dst;
    }

    private static double Distance(float[] a, float[] b) => Math.Sqrt(a.Zip(b, (x, y) => (x - y) * (double)(x - y)).Sum());
}
