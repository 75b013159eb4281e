using Google.Protobuf;
using Onnx;

namespace AePaint.OnnxFormat;

/// <summary>
/// Writes small ONNX graphs (opset 17, NCHW float32) op by op: the trainer's exporter, the engine's tests
/// and the benchmark all build their models through this one class.
/// </summary>
public sealed class OnnxGraphBuilder
{
    public const int Opset = 17;
    private const long IrVersion = 8;
    private const int FloatType = (int)TensorProto.Types.DataType.Float;

    private readonly GraphProto _graph;
    private int _counter;

    public OnnxGraphBuilder(string graphName)
    {
        _graph = new GraphProto { Name = graphName };
    }

    /// <summary>Adds an NCHW float input; null height/width are dynamic ("H", "W").</summary>
    public string Input(string name, int channels, int? height = null, int? width = null)
    {
        _graph.Input.Add(TensorInfo(name, channels, height, width));
        return name;
    }

    /// <summary>Marks <paramref name="value"/> as a graph output named <paramref name="name"/>.</summary>
    public void Output(string name, string value, int channels, int? height = null, int? width = null)
    {
        if (value != name)
        {
            Node("Identity", [value], name: name, output: name);
        }

        _graph.Output.Add(TensorInfo(name, channels, height, width));
    }

    public string Initializer(string name, float[] data, params long[] dims)
    {
        var t = new TensorProto { Name = name, DataType = FloatType };
        t.Dims.AddRange(dims);
        var bytes = new byte[data.Length * sizeof(float)];
        Buffer.BlockCopy(data, 0, bytes, 0, bytes.Length);
        t.RawData = ByteString.CopyFrom(bytes);
        _graph.Initializer.Add(t);
        return name;
    }

    /// <summary>Adds a node and returns its (first) output name.</summary>
    public string Node(string op, string[] inputs, IEnumerable<AttributeProto>? attributes = null, string? name = null, string? output = null)
    {
        var n = new NodeProto { OpType = op, Name = name ?? $"{op}_{_counter}" };
        n.Input.AddRange(inputs);
        n.Output.Add(output ?? $"{op.ToLowerInvariant()}_{_counter}");
        if (attributes != null)
        {
            n.Attribute.AddRange(attributes);
        }

        _counter++;
        _graph.Node.Add(n);
        return n.Output[0];
    }

    /// <summary>2-D convolution, weights [cout, cin/group, k, k], "same" padding by default.</summary>
    public string Conv(string x, float[] weight, float[]? bias, int cout, int cin, int kernel, int stride = 1, int? pad = null, int group = 1)
    {
        int id = _counter;
        var w = Initializer($"conv{id}_w", weight, cout, cin / group, kernel, kernel);
        var inputs = new List<string> { x, w };
        if (bias != null)
        {
            inputs.Add(Initializer($"conv{id}_b", bias, cout));
        }

        int p = pad ?? (kernel / 2);
        return Node("Conv", [.. inputs],
        [
            Ints("kernel_shape", kernel, kernel),
            Ints("strides", stride, stride),
            Ints("pads", p, p, p, p),
            Int("group", group),
        ]);
    }

    /// <summary>Pixel shuffle (DepthToSpace, CRD order as torch.nn.PixelShuffle exports).</summary>
    public string DepthToSpace(string x, int blockSize) =>
        Node("DepthToSpace", [x], [Int("blocksize", blockSize), Str("mode", "CRD")]);

    /// <summary>
    /// Each channel repeated <paramref name="times"/> times in place (torch.repeat_interleave on dim 1): output
    /// channel c·times + k reads input channel c. Written as a fixed 1×1 conv; followed by DepthToSpace this is a
    /// nearest-neighbour upscale.
    /// </summary>
    public string RepeatChannels(string x, int channels, int times)
    {
        var w = new float[channels * times * channels];
        for (int c = 0; c < channels; c++)
        {
            for (int k = 0; k < times; k++)
            {
                w[(((c * times) + k) * channels) + c] = 1f;
            }
        }

        return Conv(x, w, null, channels * times, channels, 1);
    }

    /// <summary>
    /// x + <paramref name="shift"/> on every channel, written as a depthwise 1×1 Conv (weight 1, bias = shift): exact,
    /// and ONNX Runtime keeps it in its blocked NCHWc layout, where an Add of a broadcast scalar drops the graph back
    /// to NCHW with a reorder on each side.
    /// </summary>
    public string ChannelShift(string x, int channels, float shift)
    {
        var ones = new float[channels];
        Array.Fill(ones, 1f);
        var bias = new float[channels];
        Array.Fill(bias, shift);
        return Conv(x, ones, bias, channels, channels, 1, group: channels);
    }

    public string Relu(string x) => Node("Relu", [x]);

    public string Sigmoid(string x) => Node("Sigmoid", [x]);

    /// <summary>Mean over H and W: [N, C, H, W] → [N, C, 1, 1] (an embedder's pooled latent).</summary>
    public string GlobalAveragePool(string x) => Node("GlobalAveragePool", [x]);

    public string LeakyRelu(string x, float alpha) => Node("LeakyRelu", [x], [Float("alpha", alpha)]);

    public string Add(string a, string b) => Node("Add", [a, b]);

    public string Mul(string a, string b) => Node("Mul", [a, b]);

    public string Concat(int axis, params string[] xs) => Node("Concat", xs, [Int("axis", axis)]);

    /// <summary>Channels [start, end) of an NCHW tensor.</summary>
    public string SliceChannels(string x, int start, int end)
    {
        int id = _counter;
        var starts = LongInitializer($"slice{id}_s", start);
        var ends = LongInitializer($"slice{id}_e", end);
        var axes = LongInitializer($"slice{id}_a", 1);
        return Node("Slice", [x, starts, ends, axes]);
    }

    /// <summary>Nearest or bilinear/bicubic upsampling by an integer factor (Resize, opset 17).</summary>
    public string Upsample(string x, int factor, string mode = "nearest")
    {
        int id = _counter;
        var scales = Initializer($"resize{id}_scales", [1f, 1f, factor, factor], 4);
        return Node("Resize", [x, string.Empty, scales], [Str("mode", mode)]);
    }

    public ModelProto Build(IReadOnlyDictionary<string, string>? metadata = null)
    {
        var model = new ModelProto
        {
            IrVersion = IrVersion,
            ProducerName = "AePaint",
            ProducerVersion = typeof(OnnxGraphBuilder).Assembly.GetName().Version?.ToString() ?? "0",
            Graph = _graph.Clone(),
        };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = string.Empty, Version = Opset });
        if (metadata != null)
        {
            foreach (var (k, v) in metadata)
            {
                model.MetadataProps.Add(new StringStringEntryProto { Key = k, Value = v });
            }
        }

        return model;
    }

    public static AttributeProto Int(string name, long v) => new() { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = v };

    public static AttributeProto Float(string name, float v) => new() { Name = name, Type = AttributeProto.Types.AttributeType.Float, F = v };

    public static AttributeProto Str(string name, string v) => new() { Name = name, Type = AttributeProto.Types.AttributeType.String, S = ByteString.CopyFromUtf8(v) };

    public static AttributeProto Ints(string name, params long[] v)
    {
        var a = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Ints };
        a.Ints.AddRange(v);
        return a;
    }

    private string LongInitializer(string name, long value)
    {
        var t = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Int64 };
        t.Dims.Add(1);
        t.Int64Data.Add(value);
        _graph.Initializer.Add(t);
        return name;
    }

    private static ValueInfoProto TensorInfo(string name, int channels, int? height, int? width)
    {
        var shape = new TensorShapeProto();
        shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimValue = 1 });
        shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimValue = channels });
        shape.Dim.Add(height is { } h ? new TensorShapeProto.Types.Dimension { DimValue = h } : new TensorShapeProto.Types.Dimension { DimParam = "H" });
        shape.Dim.Add(width is { } w ? new TensorShapeProto.Types.Dimension { DimValue = w } : new TensorShapeProto.Types.Dimension { DimParam = "W" });
        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = FloatType, Shape = shape } },
        };
    }
}
