#:project ../../../src/AePaint.OnnxFormat/AePaint.OnnxFormat.csproj
#:project ../../../src/AePaint.ImageFiles/AePaint.ImageFiles.csproj
#:property TreatWarningsAsErrors=false
#:property Nullable=disable
#:property PublishAot=false
#:property JsonSerializerIsReflectionEnabledByDefault=true
// Issue 21's graph trials on an exported .onnx (card and sidecar kept), each checked and timed with AbTiming.cs:
//   fp16  in out                           whole graph in float16 between a Cast after the input and one before the output
//   int8  in out <photos> <σ> [min ch]     static QDQ: uint8 activations per tensor, int8 weights per output channel,
//                                          int32 bias, every Conv with ≥ min ch inputs and outputs; min/max calibration on
//                                          8 centre crops (128²) of training photos with AWGN σ (0 for SR). ORT fuses
//                                          DQ→Conv→Q into QLinearConv (and Adds into QLinearAdd).
//   shuffle-entry in out                   a depthwise 1×1 identity Conv after every DepthToSpace, so ORT re-enters NCHWc there
//                                          and the U-Net's skip and decoder residual Adds stay blocked. Exact.
// dotnet run GraphTrials.cs -- <mode> …
using System.Runtime.InteropServices;
using AePaint.OnnxFormat;
using AePaint.Imaging;
using AePaint.ImageFiles;
using AePaint.Inference.Cards;
using Google.Protobuf;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Onnx;

var mode = args[0]; var src = args[1]; var dst = args[2];
var m = OnnxModelFile.Read(src);
var g = m.Graph;
switch (mode)
{
    case "fp16": Float16(); break;
    case "int8": Int8(args[3], float.Parse(args[4]), args.Length > 5 ? int.Parse(args[5]) : 0); break;
    case "shuffle-entry": ShuffleEntry(); break;
    default: throw new ArgumentException("mode: fp16, int8 or shuffle-entry");
}

OnnxModelFile.Write(m, dst);
File.Copy(ModelCardJson.SidecarPath(src), ModelCardJson.SidecarPath(dst), true);

void Float16()
{
    foreach (var t in g.Initializer.Where(t => t.DataType == 1).ToList())
    {
        var f = t.RawData.Length > 0 ? MemoryMarshal.Cast<byte, float>(t.RawData.Span).ToArray() : t.FloatData.ToArray();
        var h = f.Select(v => (Half)v).ToArray();
        t.RawData = ByteString.CopyFrom(MemoryMarshal.AsBytes(h.AsSpan()).ToArray()); t.FloatData.Clear(); t.DataType = 10;
    }
    var inName = g.Input[0].Name; var outName = g.Output[0].Name;
    foreach (var n in g.Node) { for (int i = 0; i < n.Input.Count; i++) if (n.Input[i] == inName) n.Input[i] = "input_f16"; for (int i = 0; i < n.Output.Count; i++) if (n.Output[i] == outName) n.Output[i] = "output_f16"; }
    var c1 = new NodeProto { OpType = "Cast", Name = "cast_in" }; c1.Input.Add(inName); c1.Output.Add("input_f16"); c1.Attribute.Add(OnnxGraphBuilder.Int("to", 10));
    var c2 = new NodeProto { OpType = "Cast", Name = "cast_out" }; c2.Input.Add("output_f16"); c2.Output.Add(outName); c2.Attribute.Add(OnnxGraphBuilder.Int("to", 1));
    g.Node.Insert(0, c1); g.Node.Add(c2);
}

void Int8(string photos, float sigma, int minChannels)
{
    var card = OnnxModelFile.GetCard(m, src);
    var inits = g.Initializer.ToDictionary(t => t.Name);
    float[] F(TensorProto t) => t.RawData.Length > 0 ? MemoryMarshal.Cast<byte, float>(t.RawData.Span).ToArray() : t.FloatData.ToArray();
    var consumers = g.Node.SelectMany(n => n.Input.Select(i => (i, n))).ToLookup(p => p.i, p => p.n);
    var convs = g.Node.Where(n => n.OpType == "Conv" && inits[n.Input[1]].Dims[0] >= minChannels && inits[n.Input[1]].Dims[1] >= minChannels).ToList();
    // The tensor quantised after each conv: its Relu's output when the conv feeds only a Relu.
    string After(NodeProto c) { var cs = consumers[c.Output[0]].ToList(); return cs.Count == 1 && cs[0].OpType == "Relu" ? cs[0].Output[0] : c.Output[0]; }
    var tensors = convs.Select(c => c.Input[0]).Concat(convs.Select(After)).Distinct().ToList();
    // calibration
    var calib = m.Clone();
    foreach (var t in tensors.Where(t => !calib.Graph.Output.Any(o => o.Name == t)))
        calib.Graph.Output.Add(new ValueInfoProto { Name = t, Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = 1 } } });
    using var opts = new SessionOptions();
    using var session = new InferenceSession(calib.ToByteArray(), opts);
    var min = tensors.ToDictionary(t => t, _ => 0f); var max = tensors.ToDictionary(t => t, _ => 0f);
    var rng = new Random(7);
    int side = 128;
    foreach (var file in Directory.GetFiles(photos).Where(f => f.EndsWith(".png") || f.EndsWith(".jpg")).Order().Take(8))
    {
        var img = ImageFile.Load(file);
        var colour = new PlanarImage(3, side, side);
        PixelConversion.ReadWindow(img, (img.Width - side) / 2, (img.Height - side) / 2, colour);
        var x = new float[card.GraphInputChannels * side * side];
        for (int i = 0; i < colour.Data.Length; i++) x[i] = colour.Data[i] + (sigma > 0 ? (float)(Gauss(rng) * sigma / 255) : 0);
        if (card.NoiseMap is { } nm) Array.Fill(x, sigma / nm.Divisor, 3 * side * side, side * side);
        var input = new DenseTensor<float>(x, new[] { 1, card.GraphInputChannels, side, side });
        using var res = session.Run(new[] { NamedOnnxValue.CreateFromTensor(g.Input[0].Name, input) });
        foreach (var r in res.Where(r => min.ContainsKey(r.Name)))
        {
            foreach (var v in r.AsEnumerable<float>()) { if (v < min[r.Name]) min[r.Name] = v; if (v > max[r.Name]) max[r.Name] = v; }
        }
    }
    var scale = new Dictionary<string, float>(); var zp = new Dictionary<string, byte>();
    foreach (var t in tensors) { float s = Math.Max(max[t] - min[t], 1e-6f) / 255f; scale[t] = s; zp[t] = (byte)Math.Clamp(Math.Round(-min[t] / s), 0, 255); }
    // rewrite
    int id = 0;
    string Scalar(string name, float v) { var t = new TensorProto { Name = name, DataType = 1 }; t.FloatData.Add(v); g.Initializer.Add(t); return name; }
    string Zp8(string name, byte v) { var t = new TensorProto { Name = name, DataType = 2 }; t.RawData = ByteString.CopyFrom(new[] { v }); g.Initializer.Add(t); return name; }
    var newNodes = new List<(int Index, NodeProto Node)>();
    foreach (var t in tensors)
    {
        var q = new NodeProto { OpType = "QuantizeLinear", Name = $"q_{id}" }; q.Input.Add(t); q.Input.Add(Scalar($"s_{id}", scale[t])); q.Input.Add(Zp8($"z_{id}", zp[t])); q.Output.Add($"{t}_q");
        var dq = new NodeProto { OpType = "DequantizeLinear", Name = $"dq_{id}" }; dq.Input.Add($"{t}_q"); dq.Input.Add($"s_{id}"); dq.Input.Add($"z_{id}"); dq.Output.Add($"{t}_dq");
        foreach (var n in g.Node) for (int i = 0; i < n.Input.Count; i++) if (n.Input[i] == t) n.Input[i] = $"{t}_dq";
        int at = g.Node.ToList().FindIndex(n => n.Output.Contains(t)) + 1; // after the producer (0: graph input)
        newNodes.Add((at, q)); newNodes.Add((at, dq)); id++;
    }
    foreach (var c in convs)
    {
        var w = F(inits[c.Input[1]]); var dims = inits[c.Input[1]].Dims.ToArray(); long co = dims[0]; long per = w.Length / co;
        var sw = new float[co]; var wq = new sbyte[w.Length];
        for (long o = 0; o < co; o++) { float a = 0; for (long i = 0; i < per; i++) a = Math.Max(a, Math.Abs(w[o * per + i])); sw[o] = Math.Max(a, 1e-8f) / 127f; for (long i = 0; i < per; i++) wq[o * per + i] = (sbyte)Math.Clamp(Math.Round(w[o * per + i] / sw[o]), -127, 127); }
        var wt = new TensorProto { Name = $"wq_{id}", DataType = 3 }; wt.Dims.AddRange(dims); wt.RawData = ByteString.CopyFrom(MemoryMarshal.AsBytes(wq.AsSpan()).ToArray()); g.Initializer.Add(wt);
        var ws = new TensorProto { Name = $"ws_{id}", DataType = 1 }; ws.Dims.Add(co); ws.FloatData.AddRange(sw); g.Initializer.Add(ws);
        var wz = new TensorProto { Name = $"wz_{id}", DataType = 3 }; wz.Dims.Add(co); wz.RawData = ByteString.CopyFrom(new byte[co]); g.Initializer.Add(wz);
        var dqw = new NodeProto { OpType = "DequantizeLinear", Name = $"dqw_{id}" }; dqw.Input.Add($"wq_{id}"); dqw.Input.Add($"ws_{id}"); dqw.Input.Add($"wz_{id}"); dqw.Output.Add($"w_{id}"); dqw.Attribute.Add(OnnxGraphBuilder.Int("axis", 0));
        float sx = scale[c.Input[0].EndsWith("_dq") ? c.Input[0][..^3] : c.Input[0]];
        bool hasBias = c.Input.Count > 2;
        var b = hasBias ? F(inits[c.Input[2]]) : new float[co]; var bq = new int[co]; var bs = new float[co];
        for (long o = 0; o < co; o++) { bs[o] = sx * sw[o]; bq[o] = (int)Math.Round(b[o] / bs[o]); }
        var bt = new TensorProto { Name = $"bq_{id}", DataType = 6 }; bt.Dims.Add(co); bt.Int32Data.AddRange(bq); g.Initializer.Add(bt);
        var bst = new TensorProto { Name = $"bs_{id}", DataType = 1 }; bst.Dims.Add(co); bst.FloatData.AddRange(bs); g.Initializer.Add(bst);
        var bz = new TensorProto { Name = $"bz_{id}", DataType = 6 }; bz.Dims.Add(co); bz.Int32Data.AddRange(new int[co]); g.Initializer.Add(bz);
        var dqb = new NodeProto { OpType = "DequantizeLinear", Name = $"dqb_{id}" }; dqb.Input.Add($"bq_{id}"); dqb.Input.Add($"bs_{id}"); dqb.Input.Add($"bz_{id}"); dqb.Output.Add($"b_{id}"); dqb.Attribute.Add(OnnxGraphBuilder.Int("axis", 0));
        g.Initializer.Remove(inits[c.Input[1]]); if (hasBias) g.Initializer.Remove(inits[c.Input[2]]); else c.Input.Add("");
        c.Input[1] = $"w_{id}"; c.Input[2] = $"b_{id}";
        newNodes.Add((0, dqw)); newNodes.Add((0, dqb)); id++;
    }
    foreach (var (at, n) in newNodes.OrderByDescending(p => p.Index)) g.Node.Insert(at, n);
    // topological order: producers before consumers
    var ordered = new List<NodeProto>(); var have = new HashSet<string>(g.Initializer.Select(t => t.Name).Concat(g.Input.Select(i => i.Name))) { "" };
    var pending = g.Node.ToList();
    while (pending.Count > 0) { var ready = pending.First(n => n.Input.All(have.Contains)); ordered.Add(ready); pending.Remove(ready); foreach (var o in ready.Output) have.Add(o); }
    g.Node.Clear(); g.Node.AddRange(ordered);
    m.OpsetImport[0].Version = Math.Max(m.OpsetImport[0].Version, 13);
    Console.WriteLine($"{tensors.Count} activations, {convs.Count} convs quantised");
}

void ShuffleEntry()
{
    var inits = g.Initializer.ToDictionary(t => t.Name);
    var producers = g.Node.ToDictionary(n => n.Output[0]);
    int count = 0;
    foreach (var d2s in g.Node.Where(n => n.OpType == "DepthToSpace").ToList())
    {
        long bs = d2s.Attribute.First(a => a.Name == "blocksize").I;
        var conv = producers[d2s.Input[0]];
        // Shipped files may store Conv weights as float16 behind a Cast (Float16Weights): the dims are the same.
        var weight = inits.TryGetValue(conv.Input[1], out var w32) ? w32 : inits[conv.Input[1] + Float16Weights.Suffix];
        long ch = weight.Dims[0] / (bs * bs);
        var w = InitF(g, $"dw{count}_w", Enumerable.Repeat(1f, (int)ch).ToArray(), ch, 1, 1, 1);
        var b = InitF(g, $"dw{count}_b", new float[ch], ch);
        var dw = new NodeProto { OpType = "Conv", Name = $"dw{count}" };
        var mid = d2s.Output[0] + "_pre";
        foreach (var n in g.Node) for (int i = 0; i < n.Input.Count; i++) if (n.Input[i] == d2s.Output[0]) n.Input[i] = mid + "_dw";
        dw.Input.Add(d2s.Output[0]); dw.Input.Add(w); dw.Input.Add(b); dw.Output.Add(mid + "_dw");
        foreach (var o in g.Output) if (o.Name == d2s.Output[0]) throw new InvalidOperationException("a DepthToSpace output is the graph output: nothing to re-enter NCHWc for");
        dw.Attribute.Add(OnnxGraphBuilder.Ints("kernel_shape", 1, 1)); dw.Attribute.Add(OnnxGraphBuilder.Int("group", ch));
        g.Node.Insert(g.Node.IndexOf(d2s) + 1, dw); count++;
    }
    Console.WriteLine($"{count} DepthToSpace followed by an NCHWc entry");
}

static double Gauss(Random r) => Math.Sqrt(-2 * Math.Log(1 - r.NextDouble())) * Math.Cos(2 * Math.PI * r.NextDouble());
static string InitF(GraphProto g, string name, float[] v, params long[] dims) { var t = new TensorProto { Name = name, DataType = 1 }; t.Dims.AddRange(dims); var b = new byte[v.Length * 4]; Buffer.BlockCopy(v, 0, b, 0, b.Length); t.RawData = ByteString.CopyFrom(b); g.Initializer.Add(t); return name; }
