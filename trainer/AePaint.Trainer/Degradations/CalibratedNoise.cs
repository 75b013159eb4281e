using System.Globalization;
using AePaint.Imaging;
using AePaint.Imaging.Noise;

namespace AePaint.Trainer.Degradations;

/// <summary>
/// Noise fitted from a user's own photos (--calibrate): each patch gets one of the fitted models (one per ISO, drawn
/// uniformly), applied as <see cref="PoissonGaussianNoise"/> in linear light with the sensor's clipping. The report's
/// σ is the RMS change ×255, the σ map the net is given.
/// </summary>
public sealed class CalibratedNoise : IDegradation
{
    private readonly (string Label, PoissonGaussianModel Model)[] _models;

    public CalibratedNoise(IEnumerable<(string Label, PoissonGaussianModel Model)> models)
    {
        _models = [.. models];
        if (_models.Length == 0)
        {
            throw new ArgumentException("Calibrated noise needs at least one fitted model.", nameof(models));
        }
    }

    public string Name => "calibrated";

    public DegradationResult Apply(PlanarImage image, Random rng)
    {
        Draw.CheckRgb(image);
        var (label, model) = _models[rng.Next(_models.Length)];
        var before = (float[])image.Data.Clone();
        PoissonGaussianNoise.Add(image.Data, model.Shot, model.Read, new GaussianNoise(rng), clip: true);
        return new DegradationResult(image, new StepReport(Name)
        {
            Sigma255 = Draw.RmsDifference255(before, image.Data),
            Detail = string.Create(CultureInfo.InvariantCulture, $"{label} {model}"),
        });
    }
}
