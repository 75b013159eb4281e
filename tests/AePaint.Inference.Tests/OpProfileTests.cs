using AePaint.Imaging;
using AePaint.Inference.Profiling;
using AePaint.TestSupport;

namespace AePaint.Inference.Tests;

/// <summary>ONNX Runtime's real profile of a real session, summed per op type.</summary>
public sealed class OpProfileTests : IDisposable
{
    private readonly TempDir _dir = new();

    [Fact]
    public void EveryConvOfTheGraphIsTimedAndTheProfileLandsWhereAsked()
    {
        var path = TestModels.BoxBlur(_dir.Path, layers: 3);
        string profilePath;
        using (var model = ModelSession.OpenCpu(path, new CpuTuning { Threads = 1, ProfilePrefix = _dir.File("prof") }))
        {
            var window = TestImages.Random(96, 64, seed: 2);
            var colour = new PlanarImage(3, 96, 64);
            PixelConversion.ReadWindow(window, 0, 0, colour);
            model.Run(colour);
            model.Run(colour);
            model.Run(colour);
            profilePath = model.EndProfiling();
        }

        Assert.StartsWith(_dir.File("prof"), profilePath, StringComparison.Ordinal);
        var all = OpProfile.Read(profilePath);
        var profile = OpProfile.Read(profilePath, lastRuns: 2);
        Assert.True(all.Runs >= 3, "the three runs, and the load-time probe before them");
        Assert.True(profile.KernelMilliseconds < all.KernelMilliseconds, "earlier runs are left out");
        var conv = Assert.Single(profile.Ops, o => o.OpType == "Conv");
        Assert.Equal(3, conv.Nodes);
        Assert.True(conv.Milliseconds > 0);
        Assert.Equal(2, profile.Runs);
        Assert.True(profile.RunMilliseconds >= profile.KernelMilliseconds * 0.5, "kernels run inside model_run events");
        Assert.Equal(1.0, profile.Ops.Sum(o => o.Share), 6);
    }

    [Fact]
    public void ConvolutionsCountAsArithmeticAndThePixelShuffleAsMemoryBound()
    {
        var path = TestModels.PixelShuffle(_dir.Path, scale: 2);
        string profilePath;
        using (var model = ModelSession.OpenCpu(path, new CpuTuning { Threads = 1, ProfilePrefix = _dir.File("shuffle") }))
        {
            var colour = new PlanarImage(3, 64, 48);
            PixelConversion.ReadWindow(TestImages.Random(64, 48, seed: 4), 0, 0, colour);
            model.Run(colour);
            profilePath = model.EndProfiling();
        }

        var profile = OpProfile.Read(profilePath, lastRuns: 1);
        var shuffle = Assert.Single(profile.Ops, o => o.OpType == "DepthToSpace");
        Assert.False(shuffle.Arithmetic);
        var arithmetic = Assert.Single(profile.Ops, o => o.Arithmetic);
        Assert.Contains("Conv", arithmetic.OpType, StringComparison.Ordinal); // RepeatChannels' 1×1 conv, whatever ORT named its kernel
        Assert.Equal(arithmetic.Milliseconds, profile.ArithmeticMilliseconds);
        Assert.True(profile.ArithmeticMilliseconds < profile.KernelMilliseconds);
    }

    public void Dispose() => _dir.Dispose();
}
