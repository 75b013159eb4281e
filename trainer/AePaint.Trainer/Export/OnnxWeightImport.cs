using AePaint.Inference.Cards;
using AePaint.OnnxFormat;
using AePaint.Trainer.Nets;
using AePaint.Trainer.Training;
using Onnx;
using static TorchSharp.torch;

namespace AePaint.Trainer.Export;

/// <summary>
/// Loads a shipped .onnx back into the TorchSharp net it was exported from, so fine-tuning can start from a model
/// that has no checkpoint. The card's architecture names the net and preset; the layers are paired with the graph's
/// Conv nodes by running the same export code on a fresh net (<see cref="ExportTrace"/>), so there is no second
/// description of the graph to drift. The result is checked against ONNX Runtime on the file itself.
/// Chosen over keeping checkpoints beside shipped models: one file ships, and any exported model can be a base.
/// </summary>
internal static class OnnxWeightImport
{
    /// <summary>Task, preset and scale from a card's architecture (aepaint-unet-* / aepaint-srres-*).</summary>
    public static (ModelTask Task, string Preset, int Scale) Describe(ModelCard card, string path)
    {
        var arch = card.Architecture ?? string.Empty;
        foreach (var (task, presets) in new[] { (ModelTask.Denoise, NetPreset.Denoise), (ModelTask.SuperResolution, NetPreset.SuperResolution) })
        {
            foreach (var preset in presets.Values.Where(p => card.Task == task && TrainableNet.ArchitectureOf(task, p) == arch))
            {
                if (preset.Rep)
                {
                    // The export fused each conv's branches into one kernel; the branches cannot be recovered from it.
                    throw new TrainerException($"{path}: '{arch}' was exported with fused re-parameterised convs; fine-tune it from its training checkpoint (.ckpt) instead");
                }

                return (task, preset.Name, card.Scale);
            }
        }

        throw new TrainerException($"{path}: architecture '{arch}' was not made by aepaint-train (aepaint-unet-* or aepaint-srres-*); it cannot be fine-tuned here");
    }

    /// <summary>The card of an .onnx: embedded, else its sidecar.</summary>
    public static ModelCard ReadCard(ModelProto proto, string path)
    {
        var sidecar = ModelCardJson.SidecarPath(path);
        return OnnxModelFile.GetCard(proto, path)
            ?? (File.Exists(sidecar) ? ModelCardJson.Deserialize(File.ReadAllText(sidecar), sidecar) : throw new TrainerException($"{path}: no model card (embedded or {Path.GetFileName(sidecar)})"));
    }

    public static TrainableNet Load(string path)
    {
        var proto = OnnxModelFile.Read(path);
        var card = ReadCard(proto, path);
        var (task, preset, scale) = Describe(card, path);
        TorchRuntime.Initialize();
        var net = TrainableNet.Create(task, preset, scale, seed: 0);
        try
        {
            var probe = new OnnxGraphBuilder("probe");
            var trace = ExportTrace.Capture(() => net.Exportable.Export(probe, probe.Input("input", card.GraphInputChannels)));
            var probeOps = probe.Build().Graph.Node.Select(n => n.OpType).ToList();
            var shippedOps = proto.Graph.Node.Select(n => n.OpType).Where(op => op != "Identity").ToList();
            if (!probeOps.Where(op => op != "Identity").SequenceEqual(shippedOps))
            {
                throw new TrainerException($"{path}: the graph is not the one aepaint-train writes for {card.Architecture} (was it edited or made by another version?)");
            }

            var nodes = proto.Graph.Node.Where(n => n.OpType == "Conv").ToDictionary(n => n.Output[0]);
            var initializers = proto.Graph.Initializer.ToDictionary(t => t.Name);
            using (no_grad())
            {
                foreach (var (layer, output) in trace)
                {
                    var node = nodes[output];
                    Copy(initializers[node.Input[1]], layer.Inner.weight!, path);
                    Copy(initializers[node.Input[2]], layer.Inner.bias!, path);
                }
            }

            var parity = OnnxExporter.CheckParity(net, path, null).Max(r => r.MaxAbsDiff);
            if (parity > OnnxExporter.Tolerance)
            {
                throw new TrainerException($"{path}: weights read back differ from ONNX Runtime's result by {parity:E1}; not used");
            }

            return net;
        }
        catch
        {
            net.Dispose();
            throw;
        }
    }

    internal static void Copy(TensorProto t, Tensor parameter, string path)
    {
        if (!t.Dims.SequenceEqual(parameter.shape) || t.DataType != (int)TensorProto.Types.DataType.Float)
        {
            throw new TrainerException($"{path}: initializer {t.Name} is [{string.Join(", ", t.Dims)}], the net needs float [{string.Join(", ", parameter.shape)}]");
        }

        var values = t.RawData.Length > 0 ? System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(t.RawData.Span).ToArray() : t.FloatData.ToArray();
        using var source = tensor(values, parameter.shape);
        parameter.copy_(source);
    }
}
