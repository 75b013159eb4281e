using AePaint.Imaging;
using AePaint.Imaging.Noise;

namespace AePaint.Trainer.Degradations;

/// <summary>
/// Noise fitted from a user's own photos (--calibrate): each patch gets one of the fitted models (one per ISO, drawn
/// uniformly), applied by <see cref="PoissonGaussianNoise"/> with that model's fixed a and b and the sensor's
/// clipping. The report's σ is the RMS change ×255, the σ map the net is given.
/// </summary>
public sealed class CalibratedNoise : IDegradation
{
    private readonly (string Label, PoissonGaussianNoise Noise)[] _models;

    public CalibratedNoise(IEnumerable<(string Label, PoissonGaussianModel Model)> models)
    {
        _models = [.. models.Select(m => (m.Label, new PoissonGaussianNoise(m.Model.Shot, m.Model.Shot, m.Model.Read, m.Model.Read)))];
        if (_models.Length == 0)
        {
            throw new ArgumentException("Calibrated noise needs at least one fitted model.", nameof(models));
        }
    }

    public string Name => "calibrated";

    public DegradationResult Apply(PlanarImage image, Random rng)
    {
        var (label, noise) = _models[rng.Next(_models.Length)];
        var result = noise.Apply(image, rng);
        return result with { Report = result.Report with { Step = Name, Detail = $"{label} {result.Report.Detail}" } };
    }
}
