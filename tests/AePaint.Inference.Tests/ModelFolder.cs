using AePaint.Inference;
using AePaint.TestSupport;

namespace AePaint.Inference.Tests;

/// <summary>Builds the test models once per test class and caches their sessions.</summary>
public sealed class ModelFolder : IDisposable
{
    private readonly TempDir _dir = new();
    private readonly ModelSessionCache _cache = new();
    private readonly Dictionary<int, string> _shuffles = [];

    public ModelFolder()
    {
        Identity = TestModels.Identity(_dir.Path);
        Box1 = TestModels.BoxBlur(_dir.Path, 1);
        Box2 = TestModels.BoxBlur(_dir.Path, 2);
        UNet = TestModels.StridedUNet(_dir.Path);
        NoiseMap = TestModels.SubtractNoiseMap(_dir.Path);
        NoiseMap30 = TestModels.SubtractNoiseMap(_dir.Path, sigmaMax: 30, name: "nmap30");
        Gray = TestModels.GrayIdentity(_dir.Path);
    }

    public string Dir => _dir.Path;

    public string Identity { get; }

    public string Box1 { get; }

    public string Box2 { get; }

    public string UNet { get; }

    public string NoiseMap { get; }

    /// <summary>The noise-map model with a card trained for σ 0–30.</summary>
    public string NoiseMap30 { get; }

    public string Gray { get; }

    public string Shuffle(int scale)
    {
        lock (_shuffles)
        {
            if (!_shuffles.TryGetValue(scale, out var p))
            {
                p = TestModels.PixelShuffle(_dir.Path, scale);
                _shuffles[scale] = p;
            }

            return p;
        }
    }

    public ModelSession Open(string path) => _cache.Get(path, ExecutionDevice.Cpu);

    public void Dispose()
    {
        _cache.Dispose();
        _dir.Dispose();
    }
}
