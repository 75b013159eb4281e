using AePaint.Evaluation.Peers;
using AePaint.Evaluation.Protocols;
using AePaint.Evaluation.Reports;
using AePaint.TestSupport;
using Xunit.Abstractions;
using static AePaint.Evaluation.Tests.ReportJson;

namespace AePaint.Evaluation.Tests;

/// <summary>The Gaussian denoising protocol with tiny ONNX models of known output, and the program peers.</summary>
public sealed class DenoiseEvaluationTests : IDisposable
{
    private readonly ITestOutputHelper _output;
    private readonly TempDir _dir = new();
    private readonly string _identity;
    private readonly string _noiseMap;

    public DenoiseEvaluationTests(ITestOutputHelper output)
    {
        _output = output;
        _identity = TestModels.Identity(_dir.Path);
        _noiseMap = TestModels.SubtractNoiseMap(_dir.Path);
    }

    public void Dispose() => _dir.Dispose();

    private static EvalSettings Settings(params string[] models) =>
        new() { SetDir = SetCrops.Cbsd68, Limit = 2, Peers = "none", Models = models };

    [SkippableFact]
    public void AnIdentityModelScoresExactlyTheEightBitNoisyInput()
    {
        var report = DenoiseEvaluation.Run(Settings(_identity), [25], sigmaAuto: false);
        var c = Condition(Of(report), 0);
        var noisy8 = Scores(Method(c, DenoiseEvaluation.Noisy8Name));
        var model = Method(c, "identity");
        Assert.Equal("model", model.GetProperty("kind").GetString());
        Assert.Equal(noisy8, Scores(model)); // float input, clipped and rounded like the protocol's results
        Assert.Equal(noisy8, Scores(Method(c, "identity" + DenoiseEvaluation.EightBitSuffix)));
        Assert.All(model.GetProperty("images").EnumerateArray(), i => Assert.True(i.GetProperty("seconds").GetDouble() > 0));
        var md = EvalReportWriter.ToMarkdown(report);
        Assert.Contains("| identity | ", md);
        Assert.Contains("no noise-map input", md);
        Assert.Contains("clipped to [0, 1] and rounded to 8 bits", md);
    }

    [SkippableFact]
    public void ANoiseMapModelIsToldTheAddedSigmaOrTheEstimate()
    {
        // nmap outputs RGB − σ/255: told the added σ the shift is exactly 25/255 wherever nothing clips.
        var truth = DenoiseEvaluation.Run(Settings(_noiseMap) with { Ssim = false }, [25], sigmaAuto: false);
        var c = Condition(Of(truth), 0);
        var model = Method(c, "nmap");
        Assert.Contains("noise map: the true σ", model.GetProperty("settings").GetString());
        Assert.All(model.GetProperty("images").EnumerateArray(), i => Assert.Equal(25, i.GetProperty("sigmaIn").GetDouble(), 4));
        double shifted = model.GetProperty("meanPsnr").GetDouble();
        double noisy8 = Method(c, DenoiseEvaluation.Noisy8Name).GetProperty("meanPsnr").GetDouble();
        Assert.True(shifted < noisy8 - 0.5, $"{shifted} vs {noisy8}");
        Assert.Contains(truth.Protocol, p => p.Contains("(--sigma true)", StringComparison.Ordinal));

        var auto = DenoiseEvaluation.Run(Settings(_noiseMap) with { Ssim = false }, [25], sigmaAuto: true);
        var am = Method(Condition(Of(auto), 0), "nmap");
        Assert.Contains("estimated per image", am.GetProperty("settings").GetString());
        Assert.All(am.GetProperty("images").EnumerateArray(), i =>
        {
            double s = i.GetProperty("sigmaIn").GetDouble();
            Assert.InRange(s, 18, 30); // estimated from the clipped 8-bit image
            Assert.NotEqual(25, s, 3);
        });
        Assert.Contains(auto.Protocol, p => p.Contains("(--sigma auto;", StringComparison.Ordinal));
    }

    [SkippableFact]
    public void AWrongModelOrNoiseLevelIsRefusedNamingIt()
    {
        var shuffle = TestModels.PixelShuffle(_dir.Path, 2);
        var e = Assert.Throws<EvaluationException>(() => DenoiseEvaluation.Run(Settings(shuffle), [25], sigmaAuto: false));
        Assert.Contains("needs a denoise model", e.Message);
        Assert.StartsWith(shuffle, e.Message);
        e = Assert.Throws<EvaluationException>(() => DenoiseEvaluation.Run(Settings(), [25, 300], sigmaAuto: false));
        Assert.Equal("--add-noise 300: use noise levels in (0, 255]", e.Message);
    }

    /// <summary>Each program peer (Debian's ffmpeg, gmic) runs and beats the noisy input; skipped, naming the package, where it is not installed.</summary>
    [SkippableTheory]
    [InlineData("dctdnoiz", "ffmpeg")]
    [InlineData("nlmeans", "gmic")]
    public void APeerRunsAndBeatsTheNoisyInput(string id, string program)
    {
        var set = SetCrops.TinyCbsd68(_dir);
        Missing.Program(program, debianPackage: program);
        var peer = DenoisePeer.Select(id).Cast<ExternalDenoiser>().Single();
        var report = DenoiseEvaluation.Run(new EvalSettings { SetDir = set, Peers = id }, [25], sigmaAuto: false);
        var c = report.Conditions.Single();
        double noisy8 = c.Methods.Single(m => m.Name == DenoiseEvaluation.Noisy8Name).MeanPsnr!.Value;
        var m = c.Methods.Single(x => x.Name == peer.Name);
        _output.WriteLine($"{peer.Name}: {m.Status} {m.MeanPsnr:F2} dB (noisy 8-bit {noisy8:F2}); {m.Settings}");
        Assert.True(peer.Installed);
        Assert.Equal(MethodResult.Ok, m.Status);
        Assert.Equal(2, m.Images.Count);
        Assert.True(m.MeanPsnr > noisy8 + 3, $"{peer.Name}: {m.MeanPsnr} vs {noisy8}");
        Assert.Contains("`" + peer.Program + " ", m.Settings);
    }

    /// <summary>Programs not on PATH: each peer is reported "not installed" with the line that installs it, the rest runs.</summary>
    [SkippableFact]
    public void PeersNotOnThePathAreReportedAsNotInstalled()
    {
        var log = new List<string>();
        var missing = DenoiseEvaluation.Run(new EvalSettings { SetDir = SetCrops.TinyCbsd68(_dir), Peers = "all", PeerSearchPath = _dir.File("empty-path"), Log = log.Add }, [15], sigmaAuto: false);
        Assert.Single(log, l => l == "eval: ffmpeg dctdnoiz: not installed: `ffmpeg` not on PATH (Debian: apt-get install ffmpeg); left out");
        Assert.Single(log, l => l == "eval: G'MIC nlmeans: not installed: `gmic` not on PATH (Debian: apt-get install gmic); left out");
        Assert.Contains(log, l => l.StartsWith("eval: σ 15: " + DenoiseEvaluation.Noisy8Name + ": ", StringComparison.Ordinal) && l.EndsWith(" dB", StringComparison.Ordinal));
        var mc = missing.Conditions.Single();
        foreach (var id in DenoisePeer.KnownIds.Where(i => i != OpenCvDenoiser.PeerId)) // OpenCV: OpenCvPeerTests
        {
            var m = mc.Methods.Single(x => x.Kind == "peer" && x.Settings!.Contains(id == "patchpca" ? "denoise_patchpca" : id, StringComparison.Ordinal));
            Assert.Equal(MethodResult.NotInstalled, m.Status);
            Assert.Empty(m.Images);
            Assert.Contains("not on PATH", m.Settings);
            Assert.Contains("apt-get install " + (id == "dctdnoiz" ? "ffmpeg" : "gmic"), m.Settings);
        }

        Assert.Equal(MethodResult.Ok, mc.Methods.Single(m => m.Name == DenoiseEvaluation.Noisy8Name).Status);
        var md = EvalReportWriter.ToMarkdown(missing);
        Assert.Contains("| ffmpeg dctdnoiz | not installed |", md);
        Assert.Contains("sigma=15", md); // the command it would have run
    }
}
