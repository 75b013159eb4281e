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
            RefuseQuantised(proto, path);
            var probe = new OnnxGraphBuilder("probe");
            var trace = ExportTrace.Capture(() => net.Exportable.Export(probe, probe.Input("input", card.GraphInputChannels)));
            var probeOps = probe.Build().Graph.Node.Select(n => n.OpType).ToList();
            // Float16-stored weights reach their Conv through one Cast each (Float16Weights); the rest is the export's graph.
            var castFrom = proto.Graph.Node.Where(n => n.OpType == "Cast").ToDictionary(n => n.Output[0], n => n.Input[0]);
            var shippedOps = proto.Graph.Node.Select(n => n.OpType).Where(op => op != "Identity" && op != "Cast").ToList();
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
                    Copy(initializers[castFrom.GetValueOrDefault(node.Input[1], node.Input[1])], layer.Inner.weight!, path);
                    Copy(initializers[castFrom.GetValueOrDefault(node.Input[2], node.Input[2])], layer.Inner.bias!, path);
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

    /// <summary>Quantised (int8/uint8, QDQ or QLinear) files: the trainer has no form for their weights.</summary>
    private static void RefuseQuantised(ModelProto proto, string path)
    {
        string[] quantOps = ["DequantizeLinear", "QuantizeLinear", "QLinearConv", "ConvInteger", "MatMulInteger"];
        var op = proto.Graph.Node.FirstOrDefault(n => quantOps.Contains(n.OpType))?.OpType;
        var t = proto.Graph.Initializer.FirstOrDefault(i => i.DataType is (int)TensorProto.Types.DataType.Int8 or (int)TensorProto.Types.DataType.Uint8);
        if (op != null || t != null)
        {
            throw new TrainerException($"{path}: quantised weights ({(t != null ? $"{Float16Weights.TypeName(t)} initializer {t.Name}" : op)}); only float32 or float16 weights can be fine-tuned: start from the float model or its checkpoint");
        }
    }

    internal static void Copy(TensorProto t, Tensor parameter, string path)
    {
        var values = Float16Weights.TryReadFloats(t);
        if (!t.Dims.SequenceEqual(parameter.shape) || values == null)
        {
            throw new TrainerException($"{path}: initializer {t.Name} is {Float16Weights.TypeName(t)} [{string.Join(", ", t.Dims)}], the net needs float32 or float16 [{string.Join(", ", parameter.shape)}]");
        }

        using var source = tensor(values, parameter.shape);
        parameter.copy_(source);
    }
}
