using AePaint.Imaging;
using AePaint.Inference.Cards;

namespace AePaint.Effects;

/// <summary>
/// Where one effect run reads and writes, in layer coordinates — the selection, the context the model reads (the
/// selection grown by the model's margin), the pixels it changes — and how a model output maps back onto them for each
/// task and output mode.
/// </summary>
public sealed record RunGeometry(ModelTask Task, SuperResolutionOutput Output, Rect Layer, Rect Selection, Rect Context, int Scale, int Margin)
{
    public static RunGeometry For(ModelTask task, SuperResolutionOutput output, Rect layer, Rect selection, ModelCard card)
    {
        int margin = Geometry.Margin(card);
        return new(task, output, layer, selection, Geometry.Context(selection, layer.Width, layer.Height, margin), card.Scale, margin);
    }

    /// <summary>Layer pixels the run changes (none for the clipboard); the rest is copied from the source.</summary>
    public Rect Changed =>
        Task == ModelTask.SuperResolution && Output == SuperResolutionOutput.IntoCanvas ? Geometry.UpscaledPlacement(Selection, Scale).Intersect(Layer)
        : Task == ModelTask.SuperResolution && Output == SuperResolutionOutput.Clipboard ? default
        : Selection;

    /// <summary>
    /// From the model's output of the whole context: the result over <see cref="Changed"/> (null for the clipboard) and
    /// the ×s result of the selection for the clipboard (else null).
    /// </summary>
    public (Bgra8Image? Result, Bgra8Image? FullSize) WholeResult(Bgra8Image output)
    {
        var inOutput = Geometry.SelectionInOutput(Selection, Context, Scale);
        var result = (Task, Output) switch
        {
            (ModelTask.Denoise, _) => ResultImages.Crop(output, inOutput),
            (_, SuperResolutionOutput.IntoCanvas) => ResultImages.Crop(output, new Rect(inOutput.X, inOutput.Y, Changed.Width, Changed.Height)),
            (_, SuperResolutionOutput.Clipboard) => null,
            _ => ResultImages.Crop(ResultImages.ResizeBack(output, Context.Width, Context.Height), Geometry.SelectionInOutput(Selection, Context, 1)),
        };
        var fullSize = Task == ModelTask.SuperResolution && Output == SuperResolutionOutput.Clipboard ? ResultImages.Crop(output, inOutput) : null;
        return (result, fullSize);
    }

    /// <summary>Per-tile mode: what the model reads for <paramref name="area"/> (inside <see cref="Changed"/>): the source pixels under it plus the margin, inside the context.</summary>
    public Rect InputFor(Rect area)
    {
        int s = Scale;
        var needed = Task == ModelTask.SuperResolution && Output == SuperResolutionOutput.IntoCanvas
            ? Rect.FromEdges(
                Selection.X + ((area.X - Selection.X) / s),
                Selection.Y + ((area.Y - Selection.Y) / s),
                Selection.X + ((area.Right - Selection.X + s - 1) / s),
                Selection.Y + ((area.Bottom - Selection.Y + s - 1) / s))
            : area;
        return needed.Inflate(Margin).Intersect(Context);
    }

    /// <summary>Per-tile mode: the result for <paramref name="area"/> out of the model's output of <paramref name="input"/> (= <see cref="InputFor"/>).</summary>
    public Bgra8Image AreaResult(Bgra8Image output, Rect area, Rect input)
    {
        int s = Scale;
        var inCtx = new Rect(area.X - input.X, area.Y - input.Y, area.Width, area.Height);
        if (Task == ModelTask.Denoise)
        {
            return ResultImages.Crop(output, inCtx);
        }

        return Output == SuperResolutionOutput.EnhanceInPlace
            ? ResultImages.Crop(ResultImages.ResizeBack(output, input.Width, input.Height), inCtx)
            : ResultImages.Crop(output, new Rect(area.X - (Selection.X + ((input.X - Selection.X) * s)), area.Y - (Selection.Y + ((input.Y - Selection.Y) * s)), area.Width, area.Height));
    }
}
