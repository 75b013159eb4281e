using AePaint.TestSupport;
using AePaint.Trainer.Data;
using AePaint.Trainer.Training;

namespace AePaint.Trainer.Tests.Training;

/// <summary>
/// Denoising batches cut from the bundled photo (samples/astronaut.png) with seeded AWGN at σ 25 and its noise-level
/// channel; batch k depends only on k, so two runs see the same data.
/// </summary>
internal sealed class AstronautBatches(int patch, int count)
{
    private const float Sigma = 25f / 255f;
    private static readonly Lazy<RgbPhoto> Photo = new(() => RgbPhoto.Load(Path.Combine(TestPaths.RepoRoot, "samples", "astronaut.png"), 1));

    public Batch At(long k)
    {
        var photo = Photo.Value;
        var rng = new Random((int)k + 101);
        int plane = patch * patch;
        var input = new float[count * 4 * plane];
        var target = new float[count * 3 * plane];
        for (int n = 0; n < count; n++)
        {
            int x0 = rng.Next(photo.Width - patch), y0 = rng.Next(photo.Height - patch);
            for (int c = 0; c < 3; c++)
            {
                for (int y = 0; y < patch; y++)
                {
                    for (int x = 0; x < patch; x++)
                    {
                        float clean = photo.Rgb[(3 * (((y0 + y) * photo.Width) + x0 + x)) + c] / 255f;
                        double g = Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
                        int i = (y * patch) + x;
                        target[(((n * 3) + c) * plane) + i] = clean;
                        input[(((n * 4) + c) * plane) + i] = clean + (float)(g * Sigma);
                    }
                }
            }

            Array.Fill(input, Sigma, ((n * 4) + 3) * plane, plane);
        }

        return new Batch(input, target, count, 4, patch, patch, 1);
    }
}
