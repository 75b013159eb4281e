using AePaint.Imaging;
using AePaint.Inference.Cards;
using Microsoft.ML.OnnxRuntime;

namespace AePaint.Inference;

/// <summary>Checks that a graph does what its card says, by its declared shapes and one small probe run.</summary>
internal static class GraphValidation
{
    public static void Validate(ModelSession model, InferenceSession session)
    {
        var card = model.Card;
        var path = model.ModelPath;
        if (!session.InputMetadata.TryGetValue(model.InputName, out var input))
        {
            throw new ModelLoadException(path, $"card names input '{model.InputName}' but the graph's inputs are {string.Join(", ", session.InputNames)}");
        }

        if (!session.OutputMetadata.ContainsKey(model.OutputName))
        {
            throw new ModelLoadException(path, $"card names output '{model.OutputName}' but the graph's outputs are {string.Join(", ", session.OutputNames)}");
        }

        if (session.InputNames.Count != 1)
        {
            throw new ModelLoadException(path, $"graph has {session.InputNames.Count} inputs; AePaint models take one NCHW image tensor");
        }

        if (input.ElementDataType != Microsoft.ML.OnnxRuntime.Tensors.TensorElementType.Float)
        {
            throw new ModelLoadException(path, $"graph input is {input.ElementDataType}; AePaint models take float32");
        }

        var dims = input.Dimensions;
        if (dims.Length != 4)
        {
            throw new ModelLoadException(path, $"graph input has rank {dims.Length}; expected NCHW (rank 4)");
        }

        if (dims[1] > 0 && dims[1] != card.GraphInputChannels)
        {
            throw new ModelLoadException(path, $"graph takes {dims[1]} input channels but the card says {card.GraphInputChannels} ({Describe(card.InputChannels)}{(card.NoiseMap is null ? string.Empty : " + noise map")})");
        }

        int h = model.FixedHeight ?? Math.Max(16, card.MultipleOf) / card.MultipleOf * card.MultipleOf;
        int w = model.FixedWidth ?? h;
        var probe = new PlanarImage(card.GraphInputChannels, w, h);
        Array.Fill(probe.Data, 0.5f);
        PlanarImage output;
        try
        {
            output = model.Run(probe);
        }
        catch (Exception e) when ((e is OnnxRuntimeException or InvalidOperationException) && !OutOfMemory.IsOutOfMemory(e))
        {
            throw new ModelLoadException(path, $"graph fails on a {w}×{h} probe with {card.GraphInputChannels} channels: {ModelSession.FirstLine(e.Message)}", e);
        }

        if (output.Channels != card.OutputChannels)
        {
            throw new ModelLoadException(path, $"graph outputs {output.Channels} channels but the card says {card.OutputChannels}");
        }

        if (card.Task == ModelTask.Embed && (output.Width != 1 || output.Height != 1))
        {
            throw new ModelLoadException(path, $"an embedder must output one vector ([1, {card.OutputChannels}, 1, 1]) per patch, but gives {output.Width}×{output.Height}");
        }

        if (card.Task is ModelTask.Embed or ModelTask.Generate)
        {
            return; // not image-to-image: no scale to check
        }

        if (output.Width != w * card.Scale || output.Height != h * card.Scale)
        {
            throw new ModelLoadException(path, $"graph output is {output.Width}×{output.Height} for a {w}×{h} input, but the card says scale {card.Scale} (expected {w * card.Scale}×{h * card.Scale})");
        }
    }

    private static string Describe(int channels) => channels == 1 ? "gray" : "RGB";
}
