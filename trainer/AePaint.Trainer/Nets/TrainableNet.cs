using AePaint.Inference.Cards;
using TorchSharp;
using static TorchSharp.torch;

namespace AePaint.Trainer.Nets;

/// <summary>A net plus what the card and the loop need to know about it.</summary>
internal sealed class TrainableNet : IDisposable
{
    private TrainableNet(nn.Module<Tensor, Tensor> module, IOnnxExportable exportable, ModelTask task, int scale, NetPreset preset, int multipleOf, int theoreticalRf)
    {
        Module = module;
        Exportable = exportable;
        Task = task;
        Scale = scale;
        Preset = preset;
        MultipleOf = multipleOf;
        TheoreticalReceptiveField = theoreticalRf;
    }

    public nn.Module<Tensor, Tensor> Module { get; }

    public IOnnxExportable Exportable { get; }

    public ModelTask Task { get; }

    public int Scale { get; }

    public NetPreset Preset { get; }

    public int MultipleOf { get; }

    public int TheoreticalReceptiveField { get; }

    public string Architecture => ArchitectureOf(Task, Preset);

    /// <summary>The card's architecture name of a preset: aepaint-unet-*, aepaint-srres-* or (SPAN-style SR) aepaint-span-*.</summary>
    public static string ArchitectureOf(ModelTask task, NetPreset preset) =>
        task == ModelTask.Denoise ? $"aepaint-unet-{preset.Name}" : preset.Rep ? $"aepaint-span-{preset.Name}" : $"aepaint-srres-{preset.Name}";

    /// <summary>Parameters of the exported net: a <see cref="RepConv"/>'s 1×1 branch is folded into its 3×3 kernel.</summary>
    public long Parameters => TrainingParameters - Module.modules().OfType<RepConv>().Sum(r => r.FoldedParameters);

    /// <summary>Parameters while training (with the re-parameterised branches).</summary>
    public long TrainingParameters => Module.parameters().Sum(p => p.numel());

    public double MacsPerPixel => Exportable.MacsPerInputPixel;

    /// <summary>Rounds every exported weight to float16 in place (for a float16-stored export and its parity check).</summary>
    public void RoundWeightsToFloat16()
    {
        foreach (var m in Module.modules())
        {
            if (m is ConvLayer c)
            {
                c.RoundToFloat16();
            }
            else if (m is RepConv r)
            {
                r.RoundToFloat16();
            }
        }
    }

    /// <summary>Builds a freshly initialised net; the same seed gives the same weights.</summary>
    public static TrainableNet Create(ModelTask task, string presetName, int scale, long seed)
    {
        var preset = NetPreset.Get(task == ModelTask.Denoise, presetName);
        if (task == ModelTask.Denoise)
        {
            var net = new DenoiseUNet(preset);
            SeededInit.Apply(net, seed);
            return new TrainableNet(net, net, task, 1, preset, net.MultipleOf, net.TheoreticalReceptiveField);
        }

        if (preset.Rep)
        {
            var span = new SpanNet(preset, scale);
            SeededInit.Apply(span, seed);
            return new TrainableNet(span, span, task, scale, preset, 1, span.TheoreticalReceptiveField);
        }

        var sr = new SrNet(preset, scale);
        SeededInit.Apply(sr, seed);
        return new TrainableNet(sr, sr, task, scale, preset, 1, sr.TheoreticalReceptiveField);
    }

    /// <summary>
    /// The card fields that follow from the architecture and, for a denoiser, the σ range it was trained on
    /// (<paramref name="noiseMap"/>: the recipe's); training provenance and metrics are added by the caller.
    /// </summary>
    public ModelCard BaseCard(string name, int receptiveField, NoiseMapSpec? noiseMap) => new()
    {
        Name = name,
        Task = Task,
        Scale = Scale,
        Architecture = Architecture,
        InputChannels = 3,
        OutputChannels = 3,
        NoiseMap = Task == ModelTask.Denoise ? noiseMap ?? throw new ArgumentNullException(nameof(noiseMap), "a denoiser's card needs the σ range it was trained on") : null,
        MultipleOf = MultipleOf,
        ReceptiveField = receptiveField,
        TileOverlap = receptiveField,
        Parameters = Parameters,
        MacsPerPixel = Math.Round(MacsPerPixel),
        Author = "AePaint",
        License = "CC-BY-4.0",
        Date = DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
    };

    public void Dispose() => Module.Dispose();
}
