using AePaint.Imaging;
using AePaint.Inference;
using AePaint.Inference.Cards;
using AePaint.OnnxFormat;

namespace AePaint.Trainer.Export;

/// <summary>
/// After export: the card's tile overlap becomes the measured one (<see cref="OverlapProbe"/> with a safety margin;
/// `aepaint bench --overlaps --record` records the bound itself on the photo it is given), not the receptive field — a trained net uses far less context than its
/// theoretical field, and every pixel of overlap is paid for by every tile.
/// </summary>
internal static class TileOverlapRecord
{
    public static ModelCard Apply(string path, ModelCard card, Bgra8Image? sample)
    {
        if (card.ReceptiveField <= 1)
        {
            return card;
        }

        using var model = ModelSession.Open(path, ExecutionDevice.Cpu);
        int m = card.MultipleOf, step = Math.Max(1, Math.Min(m, card.ReceptiveField / 4));
        int tile = (64 + (3 * card.ReceptiveField) + m - 1) / m * m; // room for the widest candidate's context and a core
        var photo = (sample ?? Synthetic()).MirroredTo(2 * tile, 2 * tile);
        var candidates = Enumerable.Range(1, card.ReceptiveField).Where(o => o % step == 0 || o == card.ReceptiveField);
        // A seam's error depends on the photo and on where the seams fall, and this probe sees one photo: a quarter of
        // the bound leaves room for the others (a 6-step SR net's overlap 4 read < 0.5 levels here, 0.65 on another photo).
        var trials = OverlapProbe.Measure(model, photo, tile, candidates, SigmaRange.Of(card)?.Limit(25f));
        var chosen = OverlapProbe.Smallest(trials, OverlapProbe.MaxLevels / 4) ?? card.ReceptiveField;
        if (chosen == card.TileOverlap)
        {
            return card;
        }

        var recorded = card with { TileOverlap = chosen };
        OnnxModelFile.WriteWithCard(OnnxModelFile.Read(path), recorded, path);
        return recorded;
    }

    // Without a photo: seeded noise over gradients, busy enough that seams would show.
    private static Bgra8Image Synthetic()
    {
        var img = new Bgra8Image(96, 96);
        var rng = new Random(7);
        for (int i = 0; i < img.Data.Length; i += 4)
        {
            int p = i / 4, x = p % 96, y = p / 96;
            img.Data[i] = (byte)Math.Clamp((x * 2) + rng.Next(-40, 41), 0, 255);
            img.Data[i + 1] = (byte)Math.Clamp((y * 2) + rng.Next(-40, 41), 0, 255);
            img.Data[i + 2] = (byte)rng.Next(256);
            img.Data[i + 3] = 255;
        }

        return img;
    }
}
