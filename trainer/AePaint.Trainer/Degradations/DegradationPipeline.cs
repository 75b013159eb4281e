using AePaint.Imaging;
using AePaint.Trainer.Data;

namespace AePaint.Trainer.Degradations;

/// <summary>
/// Chains steps, each run with its probability. Deterministic for a seed: for every stage, in order, the pipeline
/// draws a sub-seed and a coin from the caller's generator whether or not the stage runs, and the stage draws only
/// from its own sub-seeded generator, so switching one stage on or off leaves the others' random choices unchanged.
/// Size-changing steps (bicubic downscale) must have probability 1, so every output of a pipeline has one size.
/// </summary>
public sealed class DegradationPipeline
{
    private readonly DegradationStage[] _stages;

    public DegradationPipeline(params IEnumerable<DegradationStage> stages)
    {
        _stages = stages.ToArray();
        foreach (var s in _stages)
        {
            ArgumentNullException.ThrowIfNull(s.Step, nameof(stages));
            if (!(s.Probability >= 0 && s.Probability <= 1))
            {
                throw new ArgumentOutOfRangeException(nameof(stages), s.Probability, $"Probability of {s.Step.Name} must be in [0, 1].");
            }

            if (s.Step.OutputSize(96) != 96 && s.Probability != 1)
            {
                throw new ArgumentException($"{s.Step.Name} changes the patch size, so it must always run (probability 1, got {s.Probability}).", nameof(stages));
            }
        }
    }

    public IReadOnlyList<DegradationStage> Stages => _stages;

    /// <summary>Side of the degraded patch for a clean side (e.g. size/scale for an SR pipeline).</summary>
    public int OutputSize(int inputSize) => _stages.Aggregate(inputSize, (n, s) => s.Step.OutputSize(n));

    /// <summary>Degrades a copy of <paramref name="clean"/> (3 planes in [0, 1]); the input is not modified.</summary>
    public DegradedPatch Apply(PlanarImage clean, Random rng)
    {
        ArgumentNullException.ThrowIfNull(clean);
        ArgumentNullException.ThrowIfNull(rng);
        var image = clean.Clone();
        var reports = new List<StepReport>(_stages.Length);
        foreach (var stage in _stages)
        {
            int seed = rng.Next();
            double coin = rng.NextDouble();
            if (coin < stage.Probability)
            {
                var result = stage.Step.Apply(image, SeededRandom.For(seed));
                image = result.Image;
                reports.Add(result.Report);
            }
        }

        return new DegradedPatch(image, reports);
    }

    /// <summary>
    /// Degrades <paramref name="count"/> patches of 3·size² floats laid back to back (what
    /// <c>PhotoDataset.SampleBatch</c> returns). One seed per patch is drawn from <paramref name="rng"/> first, then the
    /// patches run in parallel, so the result does not depend on thread timing.
    /// </summary>
    public DegradedBatch ApplyBatch(float[] clean, int count, int size, Random rng, int maxParallelism = -1)
    {
        ArgumentNullException.ThrowIfNull(clean);
        ArgumentNullException.ThrowIfNull(rng);
        int n = 3 * size * size;
        if (count < 1 || size < 1 || clean.Length != count * n)
        {
            throw new ArgumentException($"Batch holds {clean.Length} floats; {count} patches of 3×{size}×{size} need {count * n}.", nameof(clean));
        }

        var seeds = new int[count];
        for (int i = 0; i < count; i++)
        {
            seeds[i] = rng.Next();
        }

        var patches = new DegradedPatch[count];
        Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = maxParallelism }, i =>
        {
            var img = new PlanarImage(3, size, size, clean.AsSpan(i * n, n).ToArray());
            patches[i] = Apply(img, SeededRandom.For(seeds[i]));
        });

        int outSize = OutputSize(size), m = 3 * outSize * outSize;
        var data = new float[count * m];
        for (int i = 0; i < count; i++)
        {
            patches[i].Image.Data.CopyTo(data, i * m);
        }

        return new DegradedBatch(data, count, outSize, patches.Select(p => (float)p.NoiseSigma255).ToArray(), patches);
    }
}
