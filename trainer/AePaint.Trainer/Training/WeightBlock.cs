using System.Runtime.InteropServices;
using TorchSharp;
using static TorchSharp.torch;

namespace AePaint.Trainer.Training;

/// <summary>
/// A module's state (parameters and buffers by name) as one self-delimiting block of a checkpoint file, in float32
/// or float16. Self-delimiting so a reader that does not want it (an export that wants no EMA, say) can skip it,
/// which TorchSharp's own module format cannot do. Float16 is for the committed snapshots: rounding each weight
/// to 11 significant bits changes a net's output far less than one training step does.
/// </summary>
internal static class WeightBlock
{
    private const string Magic = "AEPAINT-WEIGHTS-1";

    public static void Write(BinaryWriter writer, nn.Module module, bool half)
    {
        var state = module.state_dict();
        writer.Write(Magic);
        writer.Write(half);
        writer.Write(state.Count);
        foreach (var (name, tensor) in state)
        {
            using var scope = NewDisposeScope(); // holds the temporaries while libtorch reads them
            var c = tensor.detach().cpu().to(float32).contiguous();
            var values = c.data<float>().ToArray();
            writer.Write(name);
            writer.Write(c.shape.Length);
            foreach (var d in c.shape)
            {
                writer.Write(d);
            }

            if (half)
            {
                var h = new Half[values.Length];
                for (int i = 0; i < h.Length; i++)
                {
                    h[i] = (Half)values[i];
                }

                writer.Write(MemoryMarshal.AsBytes(h.AsSpan()));
            }
            else
            {
                writer.Write(MemoryMarshal.AsBytes(values.AsSpan()));
            }
        }
    }

    /// <summary>Reads a block into <paramref name="module"/> (same names and shapes, or it refuses), or skips it when null.</summary>
    public static void Read(BinaryReader reader, nn.Module? module, string source)
    {
        if (reader.ReadString() != Magic)
        {
            throw new InvalidDataException("weight block header missing");
        }

        bool half = reader.ReadBoolean();
        int count = reader.ReadInt32();
        var state = module?.state_dict();
        if (state != null && state.Count != count)
        {
            throw new TrainerException($"{source}: the checkpoint holds {count} weight tensors, the net has {state.Count} (another preset?)");
        }

        using var noGrad = no_grad();
        for (int t = 0; t < count; t++)
        {
            var name = reader.ReadString();
            var shape = new long[reader.ReadInt32()];
            for (int d = 0; d < shape.Length; d++)
            {
                shape[d] = reader.ReadInt64();
            }

            long n = shape.Aggregate(1L, (a, b) => a * b);
            var bytes = reader.ReadBytes(checked((int)(n * (half ? 2 : 4))));
            if (bytes.Length != n * (half ? 2 : 4))
            {
                throw new EndOfStreamException();
            }

            if (state == null)
            {
                continue;
            }

            if (!state.TryGetValue(name, out var target) || !target.shape.SequenceEqual(shape))
            {
                throw new TrainerException($"{source}: weight '{name}' [{string.Join("×", shape)}] does not fit this net (another preset?)");
            }

            float[] values = half
                ? MemoryMarshal.Cast<byte, Half>(bytes).ToArray().Select(h => (float)h).ToArray()
                : MemoryMarshal.Cast<byte, float>(bytes).ToArray();
            using var src = tensor(values, shape);
            target.copy_(src);
        }
    }
}
