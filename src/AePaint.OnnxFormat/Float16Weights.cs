using Google.Protobuf;
using Onnx;

namespace AePaint.OnnxFormat;

/// <summary>
/// Float16 storage of a graph's Conv weights and biases: each such initializer is rounded to float16, stored as
/// FLOAT16 under a new name and turned back into float32 by one Cast node, so the file is half the size while the
/// graph still computes in float32 (ONNX Runtime folds constant Casts when it creates the session; on x86 it has no
/// float16 Conv kernel, so float16 arithmetic would only add casts around every layer).
/// </summary>
public static class Float16Weights
{
    /// <summary>Suffix of a stored float16 initializer; the Cast's output keeps the original name.</summary>
    public const string Suffix = "_fp16";

    private const int FloatType = (int)TensorProto.Types.DataType.Float;
    private const int Float16Type = (int)TensorProto.Types.DataType.Float16;

    /// <summary>Rewrites <paramref name="model"/> in place; returns how many initializers it converted.</summary>
    public static int Apply(ModelProto model)
    {
        var graph = model.Graph;
        var convInputs = graph.Node.Where(n => n.OpType == "Conv").SelectMany(n => n.Input.Skip(1)).ToHashSet();
        var otherInputs = graph.Node.Where(n => n.OpType != "Conv").SelectMany(n => n.Input).ToHashSet();
        var casts = new List<NodeProto>();
        foreach (var t in graph.Initializer.Where(t => t.DataType == FloatType && convInputs.Contains(t.Name) && !otherInputs.Contains(t.Name)))
        {
            var values = ReadFloats(t);
            var bits = new byte[values.Length * sizeof(ushort)];
            for (int i = 0; i < values.Length; i++)
            {
                BitConverter.TryWriteBytes(bits.AsSpan(i * sizeof(ushort)), BitConverter.HalfToUInt16Bits((Half)values[i]));
            }

            var name = t.Name;
            t.Name = name + Suffix;
            t.DataType = Float16Type;
            t.FloatData.Clear();
            t.RawData = ByteString.CopyFrom(bits);
            var cast = new NodeProto { OpType = "Cast", Name = $"Cast_{name}" };
            cast.Input.Add(t.Name);
            cast.Output.Add(name);
            cast.Attribute.Add(OnnxGraphBuilder.Int("to", FloatType));
            casts.Add(cast);
        }

        for (int i = casts.Count - 1; i >= 0; i--)
        {
            graph.Node.Insert(0, casts[i]);
        }

        return casts.Count;
    }

    /// <summary>True when the graph holds float16-stored weights (written by <see cref="Apply"/>).</summary>
    public static bool IsApplied(ModelProto model) => model.Graph.Initializer.Any(t => t.DataType == Float16Type);

    /// <summary>
    /// The values of a FLOAT or FLOAT16 initializer as float32; null for any other element type (int8 quantised
    /// weights, say), which the caller reports.
    /// </summary>
    public static float[]? TryReadFloats(TensorProto t) => t.DataType switch
    {
        FloatType => ReadFloats(t),
        Float16Type => ReadHalves(t),
        _ => null,
    };

    /// <summary>The ONNX name of an initializer's element type, for error messages ("int8", "float16", ...).</summary>
    public static string TypeName(TensorProto t) =>
        Enum.IsDefined(typeof(TensorProto.Types.DataType), t.DataType)
            ? ((TensorProto.Types.DataType)t.DataType).ToString().ToLowerInvariant()
            : $"type {t.DataType}";

    private static float[] ReadFloats(TensorProto t) =>
        t.RawData.Length > 0 ? System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(t.RawData.Span).ToArray() : t.FloatData.ToArray();

    // FLOAT16 without raw_data keeps each value's 16 bits in an int32_data entry (onnx.proto).
    private static float[] ReadHalves(TensorProto t)
    {
        if (t.RawData.Length == 0)
        {
            return t.Int32Data.Select(v => (float)BitConverter.UInt16BitsToHalf((ushort)v)).ToArray();
        }

        var bits = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, ushort>(t.RawData.Span);
        var values = new float[bits.Length];
        for (int i = 0; i < bits.Length; i++)
        {
            values[i] = (float)BitConverter.UInt16BitsToHalf(bits[i]);
        }

        return values;
    }
}
