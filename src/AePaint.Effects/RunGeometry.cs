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

    /// <summary>
    /// Source pixels beyond a render tile that the bicubic way back to the original size ("enhance in place") reads: its
    /// kernel spans two pixels each side at any scale, so a part resized with this much around it equals the same
    /// pixels of the whole result resized.
    /// </summary>
    public const int ResizeMargin = 4;

    /// <summary>
    /// Per-tile mode: for <paramref name="area"/> (layer pixels inside <see cref="Changed"/>), the part of the model's
    /// output of the whole context to draw (<c>Region</c>, output pixels) and the part of it that is this area's own
    /// (<c>Drawn</c>: what no other render tile asks for).
    /// </summary>
    public (Rect Region, Rect Drawn) OutputFor(Rect area)
    {
        int s = Scale;
        if (Task == ModelTask.SuperResolution && Output == SuperResolutionOutput.IntoCanvas)
        {
            // The canvas shows the output with the selection's ×s image placed at the selection's corner.
            var placed = new Rect(area.X - Selection.X + ((Selection.X - Context.X) * s), area.Y - Selection.Y + ((Selection.Y - Context.Y) * s), area.Width, area.Height);
            return (placed, placed);
        }

        var own = Geometry.SelectionInOutput(area, Context, s);
        return s == 1 ? (own, own) : (Geometry.SelectionInOutput(ResizedFrom(area), Context, s), own);
    }

    /// <summary>Per-tile mode: the result for <paramref name="area"/> out of <paramref name="part"/>, the output drawn for it (<see cref="OutputFor"/>).</summary>
    public Bgra8Image AreaResult(Bgra8Image part, Rect area)
    {
        if (Scale == 1 || Output == SuperResolutionOutput.IntoCanvas)
        {
            return part;
        }

        var from = ResizedFrom(area);
        return ResultImages.Crop(ResultImages.ResizeBack(part, from.Width, from.Height), new Rect(area.X - from.X, area.Y - from.Y, area.Width, area.Height));
    }

    // Enhance in place: the source pixels whose ×s output is resized back for area.
    private Rect ResizedFrom(Rect area) => area.Inflate(ResizeMargin).Intersect(Context);
}
