using AePaint.TestSupport;
using AePaint.Trainer.Tests.Cli;
using AePaint.Trainer.Tests.Training;
using AePaint.Trainer.Training;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace AePaint.Trainer.Tests;

/// <summary>Tests that flip ATen's process-wide oneDNN switch run alone, after the others.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class OneDnnSwitchCollection
{
    public const string Name = "oneDNN switch";
}

/// <summary>
/// The start-up arithmetic check on real TorchSharp: the bad paths are driven by a fault injected into the float32
/// input gradient (as libtorch's oneDNN computes it wrong on some VMs), the switch is ATen's real one.
/// </summary>
[Collection(OneDnnSwitchCollection.Name)]
public sealed class ConvGradientCheckTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempDir _dir = new();
    private readonly bool _wasEnabled = Initialized();
    private readonly bool _netCheck = NetGradientCheck.Allowed = true; // this class tests the decision (OneDnnFault/NetCheckOff)

    [Fact]
    public void ThisMachinePassesAndAPassingMachineKeepsOneDnn()
    {
        var info = TorchRuntime.Initialize();
        output.WriteLine(info.ToString());
        Assert.True(OneDnn.Switchable, "ATen's oneDNN switch was not found in libtorch_cpu");
        Assert.True(info.Arithmetic.Sound, info.Arithmetic.ToString());
        Assert.True(ConvGradientCheck.RelativeError() <= ConvGradientCheck.Tolerance);
        Assert.Equal(info.Arithmetic.Path is ConvPath.OneDnn or ConvPath.OneDnnAligned, OneDnn.Enabled); // aligned: a net check of an earlier test
        Assert.Equal(info.Arithmetic.Path == ConvPath.OneDnnAligned, Trainer.Nets.AlignedConv.Enabled);
        var forced = Environment.GetEnvironmentVariable(ConvGradientCheck.Variable) == "off";
        Assert.Equal(forced, info.Arithmetic.Path == ConvPath.OneDnnOffByRequest);

        // A fresh check with no fault and oneDNN on leaves it on.
        OneDnn.Enabled = true;
        var check = TorchRuntime.Recheck("auto", fault: null);
        Assert.True(check.Path == ConvPath.OneDnn || check.Path == ConvPath.OneDnnOffAfterFailure, check.ToString()); // the latter only on a faulty CPU
        Assert.Equal(check.Path == ConvPath.OneDnn, OneDnn.Enabled);
    }

    [Fact]
    public void AWrongOneDnnGradientSwitchesItOffAndTheCheckThenPasses()
    {
        OneDnn.Enabled = true;
        var check = TorchRuntime.Recheck("auto", ZeroedWhileOneDnnIsOn);
        output.WriteLine(check.ToString());
        Assert.Equal(ConvPath.OneDnnOffAfterFailure, check.Path);
        Assert.False(OneDnn.Enabled); // read back from ATen itself
        Assert.Equal(1.0, check.OneDnnError!.Value, 6); // every tap zeroed: the whole gradient is the error
        Assert.True(check.Error <= ConvGradientCheck.Tolerance);
        Assert.True(ConvGradientCheck.RelativeError(ZeroedWhileOneDnnIsOn) <= ConvGradientCheck.Tolerance); // stays off

        // Training goes on, and its log says so once (the runtime line).
        var log = new StringWriter();
        var options = new TrainOptions { Task = "denoise", Network = new() { Preset = "tiny" }, Data = new() { Folders = ["synthetic"], PatchSize = 16, BatchSize = 2 }, Schedule = new() { Steps = 2, ValidateEvery = 2, CheckpointEvery = 2 }, Run = new() { Seed = 3 } };
        var (exit, text, err) = TrainerRun.Cli("denoise", "--data", Directory.CreateDirectory(_dir.File("none")).FullName, "--steps", "2", "--run", _dir.File("r"));
        Assert.Equal(1, exit); // no photos: the usual error, not a refusal
        Assert.DoesNotContain("refusing", err);
        Assert.Equal(1, Count(text, "oneDNN switched off: on this CPU the denoise tiny net's float32 backward with oneDNN (edge convs padded) differed from float64 by 1 (relative)"));
        var result = new TrainingLoop(options, new SyntheticData(16, 2), _dir.File("loop"), log).Run(resume: false);
        Assert.Equal(2, result.Steps);
        Assert.All(result.Curve, p => Assert.True(double.IsFinite(p.Loss)));
    }

    [Fact]
    public void GradientsStillWrongWithoutOneDnnRefuseToTrain()
    {
        OneDnn.Enabled = true;
        var check = TorchRuntime.Recheck("auto", g => zeros_like(g));
        output.WriteLine(check.ToString());
        Assert.Equal(ConvPath.Broken, check.Path);
        Assert.False(check.Sound);
        Assert.False(OneDnn.Enabled); // it was tried

        var refused = Assert.Throws<TrainerException>(() => TorchRuntime.InitializeForTraining());
        Assert.StartsWith("refusing to train: conv: float32 conv2d backward differs from float64 by 1 (relative) with oneDNN and by 1 with it switched off: this machine", refused.Message);
        var run = _dir.File("loop");
        Assert.Throws<TrainerException>(() => new TrainingLoop(new TrainOptions { Data = new() { Folders = ["synthetic"] } }, new SyntheticData(16, 2), run, TextWriter.Null).Run(resume: false));
        Assert.False(Directory.Exists(run)); // refused before anything was written

        var (exit, _, err) = TrainerRun.Cli("denoise", "--data", Directory.CreateDirectory(_dir.File("none")).FullName, "--steps", "2", "--run", _dir.File("r"));
        Assert.Equal(1, exit);
        Assert.Single(err.Trim().Split('\n'));
        Assert.StartsWith("aepaint-train: error: refusing to train:", err);
    }

    [Fact]
    public void TheVariableForcesOneDnnOffAndRejectsOtherValues()
    {
        OneDnn.Enabled = true;
        var check = TorchRuntime.Recheck("off", fault: null);
        Assert.Equal(ConvPath.OneDnnOffByRequest, check.Path);
        Assert.False(OneDnn.Enabled);
        Assert.Equal("conv: ATen kernels, oneDNN off (AEPAINT_MKLDNN=off)", check.ToString());

        var bad = Assert.Throws<TrainerException>(() => ConvGradientCheck.Run("no"));
        Assert.Equal("AEPAINT_MKLDNN=no: use off (oneDNN off) or auto (the start-up check decides)", bad.Message);
    }

    /// <summary>Puts back the switch and the process's own check result for the tests that follow.</summary>
    public void Dispose()
    {
        NetGradientCheck.Allowed = !_netCheck;
        OneDnn.Enabled = _wasEnabled;
        TorchRuntime.Recheck(Environment.GetEnvironmentVariable(ConvGradientCheck.Variable), fault: null);
        _dir.Dispose();
    }

    private static Tensor ZeroedWhileOneDnnIsOn(Tensor g) => OneDnn.Enabled ? zeros_like(g) : g;

    private static bool Initialized()
    {
        TorchRuntime.Initialize();
        return OneDnn.Enabled;
    }

    private static int Count(string text, string part) => text.Split(part).Length - 1;
}
