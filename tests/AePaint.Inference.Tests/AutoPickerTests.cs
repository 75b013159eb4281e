using AePaint.Imaging;
using AePaint.Inference.Cards;
using AePaint.Inference.Embedding;
using AePaint.OnnxFormat;
using AePaint.TestSupport;

namespace AePaint.Inference.Tests;

/// <summary>Auto model choice: nearest domain in spreads, every fallback, and the real embedder path on ONNX Runtime.</summary>
public sealed class AutoPickerTests : IDisposable
{
    private const string Hash = "sha256:0123456789abcdef";
    private static readonly EmbedderInfo Embedder = new("/x/embed.onnx", "embed-general", Hash);
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private static AutoCandidate Model(string name, float[]? centroid = null, double spread = 1, string hash = Hash) =>
        new($"/x/{name}.onnx", TestModels.DenoiseCard(name) with
        {
            Domain = centroid is null ? null : new DomainEmbedding { Embedder = "embed-general", EmbedderHash = hash, Centroid = centroid, Spread = spread, Photos = 5 },
        });

    [Fact]
    public void Picks_the_nearest_domain_in_units_of_its_spread()
    {
        var picker = new AutoPicker([Model("denoise-fast"), Model("birds", [0, 0], 1), Model("night", [10, 0], 5)], ModelTask.Denoise, 1, [Embedder]);

        // Euclidean (3 vs 7) says birds; in spreads (3 vs 1.4) night's wide domain is nearer.
        var pick = picker.Choose([3, 0]);
        Assert.Equal("night", pick.Card.Name);
        Assert.False(pick.Fallback);
        Assert.Equal(["night", "birds"], pick.Distances.Select(d => d.Name));
        Assert.Equal(1.4, pick.Distances[0].Distance, 6);
        Assert.Equal("birds", picker.Choose([0.5f, 0]).Card.Name);
        Assert.Contains("night 1.40", picker.Choose([3, 0]).Message, StringComparison.Ordinal);
    }

    private static AutoCandidate CameraModel(string name, string camera, int isoMin, int isoMax, float[]? centroid = null) =>
        Model(name, centroid) with { Card = Model(name, centroid).Card with { Training = new TrainingInfo { Camera = camera, IsoMin = isoMin, IsoMax = isoMax } } };

    [Fact]
    public void A_model_trained_on_the_photos_camera_noise_is_preselected_within_half_a_stop()
    {
        var picker = new AutoPicker(
            [Model("denoise-fast"), Model("birds", [0, 0], 1), CameraModel("70d-low", "Canon EOS 70D", 800, 1600), CameraModel("70d-high", "Canon EOS 70D", 3200, 6400)],
            ModelTask.Denoise, 1, [Embedder]);
        Assert.True(picker.HasCameraModels);
        Assert.Equal("70d-low", picker.ForCamera(new ShotInfo("Canon EOS 70D", 1000))!.Card.Name);
        Assert.Equal("70d-high", picker.ForCamera(new ShotInfo("canon eos 70d", 4000))!.Card.Name);
        Assert.Equal("70d-high", picker.ForCamera(new ShotInfo("Canon EOS 70D", 9000))!.Card.Name); // ≤ 6400·√2
        Assert.Equal("70d-low", picker.ForCamera(new ShotInfo("Canon EOS 70D", 600))!.Card.Name); // ≥ 800/√2
        Assert.Contains("ISO 3200–6400; this photo ISO 4000", picker.ForCamera(new ShotInfo("Canon EOS 70D", 4000))!.Reason, StringComparison.Ordinal);

        Assert.Null(picker.ForCamera(new ShotInfo("Canon EOS 70D", 12800)));
        Assert.Null(picker.ForCamera(new ShotInfo("Canon EOS 70D", 400)));
        Assert.Null(picker.ForCamera(new ShotInfo("NIKON D750", 1000)));
        Assert.Null(picker.ForCamera(new ShotInfo(null, 1000)));
        Assert.Null(picker.ForCamera(null));

        // Without a camera match the embedding decides as before.
        Assert.Equal("birds", picker.Choose([0.2f, 0]).Card.Name);
        Assert.False(new AutoPicker([Model("denoise-fast"), Model("birds", [0, 0], 1)], ModelTask.Denoise, 1, [Embedder]).HasCameraModels);
    }

    [Fact]
    public void Falls_back_to_the_general_model_with_the_reason()
    {
        var none = new AutoPicker([Model("zeta"), Model("denoise-fast")], ModelTask.Denoise, 1, [Embedder]);
        Assert.Equal("denoise-fast", none.Choose([1, 0]).Card.Name);
        Assert.Contains("training-domain embedding", none.Choose(null).Reason, StringComparison.Ordinal);

        var noEmbedder = new AutoPicker([Model("denoise-fast"), Model("birds", [0, 0])], ModelTask.Denoise, 1, []);
        Assert.Null(noEmbedder.Embedder);
        var pick = noEmbedder.Choose(null);
        Assert.True(pick.Fallback);
        Assert.Equal("denoise-fast", pick.Card.Name);
        Assert.Contains("no embedder", pick.Reason, StringComparison.Ordinal);

        var otherEmbedder = new AutoPicker([Model("denoise-fast"), Model("birds", [0, 0], hash: "sha256:ffff")], ModelTask.Denoise, 1, [Embedder]);
        Assert.Contains("not installed", otherEmbedder.Choose([0, 0]).Reason, StringComparison.Ordinal);

        var far = new AutoPicker([Model("denoise-fast"), Model("birds", [0, 0], 1)], ModelTask.Denoise, 1, [Embedder]);
        var outside = far.Choose([5, 0]);
        Assert.Equal("denoise-fast", outside.Card.Name);
        Assert.Contains("outside every training domain", outside.Reason, StringComparison.Ordinal);

        // Without a model of the default name, the first by name is the general one.
        Assert.Equal("alpha", new AutoPicker([Model("beta"), Model("alpha")], ModelTask.Denoise, 1, []).General.Card.Name);
        Assert.Throws<ModelLoadException>(() => new AutoPicker([], ModelTask.Denoise, 1, [Embedder]));
    }

    [Fact]
    public void Domain_summary_is_the_mean_and_the_rms_distance()
    {
        var d = DomainEmbedding.FromEmbeddings([[0, 0], [2, 0], [0, 2], [2, 2]], "e", Hash, "birds");
        Assert.Equal([1f, 1f], d.Centroid);
        Assert.Equal(Math.Sqrt(2), d.Spread, 5);
        Assert.Equal(4, d.Photos);
        Assert.Equal(0, d.NormalizedDistance([1, 1]), 6);

        // One photo: spread floored, not zero.
        Assert.True(DomainEmbedding.FromEmbeddings([[3, 4]], "e", Hash, null).Spread > 0);
    }

    [Fact]
    public void Cards_keep_task_embed_and_the_domain_through_json()
    {
        var card = new ModelCard { Name = "e", Task = ModelTask.Embed, InputChannels = 3, OutputChannels = 32 };
        Assert.Empty(card.Problems());
        var json = ModelCardJson.Serialize(TestModels.DenoiseCard("m") with { Domain = DomainEmbedding.FromEmbeddings([[1, 2]], "e", Hash, "x") });
        Assert.Contains("\"domain\"", json, StringComparison.Ordinal);
        Assert.Equal([1f, 2f], ModelCardJson.Deserialize(json, "t").Domain!.Centroid);
        Assert.Contains("\"task\": \"embed\"", ModelCardJson.Serialize(card), StringComparison.Ordinal);
        Assert.NotEmpty((card with { OutputChannels = 0 }).Problems());
        Assert.NotEmpty((TestModels.DenoiseCard("m") with { Domain = new DomainEmbedding { Embedder = "e", EmbedderHash = Hash, Centroid = [1], Spread = 0 } }).Problems());
    }

    [Fact]
    public void Fingerprint_ignores_the_card_but_not_the_weights()
    {
        var path = TestEmbedders.MeanColour(_dir.Path);
        var before = ModelFingerprint.OfFile(path);
        var proto = OnnxModelFile.Read(path);
        OnnxModelFile.WriteWithCard(proto, OnnxModelFile.GetCard(proto, path)! with { Description = "changed" }, path);
        Assert.Equal(before, ModelFingerprint.OfFile(path));
        using (var s = ModelSession.Open(path, ExecutionDevice.Cpu))
        {
            Assert.Equal(before, s.Fingerprint);
        }

        Assert.NotEqual(before, ModelFingerprint.OfFile(TestModels.BoxBlur(_dir.Path)));
        Assert.StartsWith("sha256:", before, StringComparison.Ordinal);
    }

    [Fact]
    public void Real_embedder_picks_the_red_model_for_a_red_photo_and_grid_cost_is_bounded()
    {
        var embedder = TestEmbedders.MeanColour(_dir.Path, patch: 16);
        TestEmbedders.Denoiser(_dir.Path, "denoise-fast");
        TestEmbedders.Denoiser(_dir.Path, "reds", TestEmbedders.Domain(embedder, [0.8f, 0.2f, 0.2f], 0.1));
        TestEmbedders.Denoiser(_dir.Path, "blues", TestEmbedders.Domain(embedder, [0.2f, 0.2f, 0.8f], 0.1));
        TestModels.PixelShuffle(_dir.Path, 2); // another task: never a candidate

        var picker = AutoPicker.FromCatalog(new ModelCatalog([_dir.Path]).List(), ModelTask.Denoise, 1);
        Assert.Equal("embed-test", picker.Embedder!.Name);
        using var cache = new ModelSessionCache();
        var red = Bgra8Image.Solid(50, 40, b: 50, g: 50, r: 205);
        var pick = picker.Pick(red, p => cache.Get(p, ExecutionDevice.Cpu));
        Assert.Equal("reds", pick.Card.Name);
        Assert.Equal("blues", picker.Pick(Bgra8Image.Solid(50, 40, b: 200, g: 60, r: 40), p => cache.Get(p, ExecutionDevice.Cpu)).Card.Name);

        var e = ImageEmbedding.Compute(cache.Get(embedder, ExecutionDevice.Cpu), red);
        Assert.Equal(205 / 255f, e[0], 4);
        Assert.Equal(64, ImageEmbedding.Grid(5000, 3000, 64).Count);
        Assert.Single(ImageEmbedding.Grid(10, 10, 64));
    }
}
