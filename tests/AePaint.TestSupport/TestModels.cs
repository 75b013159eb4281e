using AePaint.Inference.Cards;
using AePaint.OnnxFormat;

namespace AePaint.TestSupport;

/// <summary>
/// Tiny ONNX models with hand-known outputs, written with the same builder the trainer uses, so engine tests
/// run real ONNX Runtime sessions and compare against values computed by hand.
/// </summary>
public static class TestModels
{
    public static ModelCard DenoiseCard(string name, int receptiveField = 0, int multipleOf = 1) => new()
    {
        Name = name,
        Task = ModelTask.Denoise,
        Scale = 1,
        ReceptiveField = receptiveField,
        TileOverlap = receptiveField,
        MultipleOf = multipleOf,
        Architecture = "test",
    };

    /// <summary>y = x (RGB).</summary>
    public static string Identity(string dir, ModelCard? card = null)
    {
        var b = new OnnxGraphBuilder("identity");
        var x = b.Input("input", 3);
        b.Output("output", b.Node("Identity", [x]), 3);
        return Save(dir, "identity", b, card ?? DenoiseCard("identity"));
    }

    /// <summary>Per-channel 3×3 box blur applied <paramref name="layers"/> times (receptive field = layers).</summary>
    public static string BoxBlur(string dir, int layers = 1, ModelCard? card = null)
    {
        var b = new OnnxGraphBuilder("box");
        string x = b.Input("input", 3);
        for (int i = 0; i < layers; i++)
        {
            x = b.Conv(x, BoxKernel(3), null, cout: 3, cin: 3, kernel: 3, group: 3);
        }

        b.Output("output", x, 3);
        return Save(dir, $"box{layers}", b, card ?? DenoiseCard($"box{layers}", receptiveField: layers));
    }

    /// <summary>
    /// A small strided encoder–decoder: 2×2 average-pool-like strided conv down, 3×3 conv, nearest up, plus a skip.
    /// Not shift-equivariant except on its stride grid, so it checks that tiles align to multipleOf.
    /// </summary>
    public static string StridedUNet(string dir, int seed = 1)
    {
        var rng = new Random(seed);
        float[] Rand(int n, float scale) => Enumerable.Range(0, n).Select(_ => (float)((rng.NextDouble() - 0.5) * scale)).ToArray();
        var b = new OnnxGraphBuilder("unet");
        var x = b.Input("input", 3);
        var down = b.Relu(b.Conv(x, Rand(8 * 3 * 2 * 2, 0.6f), Rand(8, 0.1f), cout: 8, cin: 3, kernel: 2, stride: 2, pad: 0));
        var mid = b.Relu(b.Conv(down, Rand(8 * 8 * 3 * 3, 0.3f), Rand(8, 0.1f), cout: 8, cin: 8, kernel: 3));
        var up = b.Upsample(mid, 2);
        var merged = b.Concat(1, up, x);
        var y = b.Conv(merged, Rand(3 * 11 * 3 * 3, 0.2f), null, cout: 3, cin: 11, kernel: 3);
        b.Output("output", b.Add(y, x), 3);

        // Receptive field: 1 (last conv) + 2 + 2·1 (mid conv at half resolution) + 1 (stride) = 6 → use 8.
        return Save(dir, "unet", b, DenoiseCard("unet", receptiveField: 8, multipleOf: 2));
    }

    /// <summary>×<paramref name="scale"/> nearest-neighbour upscale by pixel shuffle: each colour copied to scale² channels, then DepthToSpace.</summary>
    public static string PixelShuffle(string dir, int scale = 2, ModelCard? card = null)
    {
        var b = new OnnxGraphBuilder("shuffle");
        var x = b.Input("input", 3);
        var expanded = b.RepeatChannels(x, 3, scale * scale);
        b.Output("output", b.DepthToSpace(expanded, scale), 3);
        return Save(dir, $"shuffle{scale}", b, card ?? new ModelCard
        {
            Name = $"shuffle{scale}",
            Task = ModelTask.SuperResolution,
            Scale = scale,
            Architecture = "test",
        });
    }

    /// <summary>Noise-map model: output = RGB − noise map (so the σ fed in can be read back from the output); its card says it was trained for σ 0..<paramref name="sigmaMax"/>.</summary>
    public static string SubtractNoiseMap(string dir, float sigmaMax = 75, string name = "nmap")
    {
        var b = new OnnxGraphBuilder(name);
        var x = b.Input("input", 4);
        var rgb = b.SliceChannels(x, 0, 3);
        var map = b.SliceChannels(x, 3, 4);
        b.Output("output", b.Node("Sub", [rgb, map]), 3);
        return Save(dir, name, b, DenoiseCard(name) with { NoiseMap = new NoiseMapSpec { SigmaMin = 0, SigmaMax = sigmaMax } });
    }

    /// <summary>1-channel identity (a gray model).</summary>
    public static string GrayIdentity(string dir)
    {
        var b = new OnnxGraphBuilder("gray");
        var x = b.Input("input", 1);
        b.Output("output", b.Node("Identity", [x]), 1);
        return Save(dir, "gray", b, DenoiseCard("gray") with { InputChannels = 1, OutputChannels = 1 });
    }

    public static float[] BoxKernel(int channels)
    {
        var w = new float[channels * 9];
        Array.Fill(w, 1f / 9f);
        return w;
    }

    public static string Save(string dir, string name, OnnxGraphBuilder b, ModelCard? card, bool sidecarOnly = false)
    {
        var path = Path.Combine(dir, name + ".onnx");
        var model = b.Build();
        if (card is null)
        {
            OnnxModelFile.Write(model, path);
        }
        else if (sidecarOnly)
        {
            OnnxModelFile.Write(model, path);
            OnnxModelFile.WriteSidecar(card, path);
        }
        else
        {
            OnnxModelFile.WriteWithCard(model, card, path);
        }

        return path;
    }
}
