using System.Text.Json;
using AePaint.Evaluation.Peers;
using AePaint.Evaluation.Protocols;
using AePaint.Evaluation.Reports;
using AePaint.ImageFiles;
using AePaint.Imaging;
using AePaint.Imaging.Metrics;
using AePaint.TestSupport;
using Xunit.Abstractions;

namespace AePaint.Cli.Tests;

/// <summary>`aepaint eval` and `aepaint compare` with tiny ONNX models of known output, the peers, and the report files.</summary>
public sealed class EvalCommandTests : IDisposable
{
    private readonly ITestOutputHelper _output;
    private readonly TempDir _dir = new();
    private readonly string _identity;
    private readonly string _noiseMap;
    private readonly string _shuffle2;

    public EvalCommandTests(ITestOutputHelper output)
    {
        _output = output;
        _identity = TestModels.Identity(_dir.Path);
        _noiseMap = TestModels.SubtractNoiseMap(_dir.Path);
        _shuffle2 = TestModels.PixelShuffle(_dir.Path, 2);
    }

    private static string Cbsd68 => TestPaths.EvalSet("CBSD68");

    [SkippableFact]
    public void AnIdentityModelScoresExactlyTheEightBitNoisyInputAndTheReportPairIsWritten()
    {
        var basePath = _dir.File("id.md"); // a trailing .md is dropped: id.md + id.json
        var (exit, stdout, err) = CliRunner.Run("eval", "denoise", "--set", Cbsd68, "--sigma", "25", "--limit", "2", "--peers", "none", "-m", _identity, "-o", basePath);
        Assert.True(exit == 0, err);
        Assert.Equal(File.ReadAllText(_dir.File("id.md")), stdout);
        Assert.Empty(Directory.GetFiles(_dir.Path, "*.tmp"));
        var c = Condition(JsonDocument.Parse(File.ReadAllText(_dir.File("id.json"))).RootElement, 0);
        var noisy8 = Scores(EvalProtocolTests.Method(c, DenoiseEvaluation.Noisy8Name));
        var model = EvalProtocolTests.Method(c, "identity");
        Assert.Equal("model", model.GetProperty("kind").GetString());
        Assert.Equal(noisy8, Scores(model)); // float input, clipped and rounded like the protocol's results
        Assert.Equal(noisy8, Scores(EvalProtocolTests.Method(c, "identity" + DenoiseEvaluation.EightBitSuffix)));
        Assert.All(model.GetProperty("images").EnumerateArray(), i => Assert.True(i.GetProperty("seconds").GetDouble() > 0));
        Assert.Contains("| identity | ", stdout);
        Assert.Contains("no noise-map input", stdout);
        Assert.Contains("clipped to [0, 1] and rounded to 8 bits", stdout);

        // A failing run leaves the earlier pair untouched.
        var before = File.ReadAllText(_dir.File("id.json"));
        var (fail, _, ferr) = CliRunner.Run("eval", "denoise", "--set", _dir.File("nowhere"), "-o", basePath);
        Assert.Equal(1, fail);
        Assert.Contains("aepaint: error: ", ferr);
        Assert.Contains("folder not found", ferr);
        Assert.Equal(before, File.ReadAllText(_dir.File("id.json")));
    }

    [SkippableFact]
    public void ANoiseMapModelIsGivenTheTrueSigmaOrTheEstimate()
    {
        // nmap outputs RGB − σ/255: with the true σ the shift is exactly 25/255 wherever nothing clips.
        var truth = RunJson("eval", "denoise", "--set", Cbsd68, "--sigma", "25", "--limit", "2", "--peers", "none", "--no-ssim", "-m", _noiseMap);
        var c = Condition(truth, 0);
        var model = EvalProtocolTests.Method(c, "nmap");
        Assert.Contains("noise map: the true σ", model.GetProperty("settings").GetString());
        Assert.All(model.GetProperty("images").EnumerateArray(), i => Assert.Equal(25, i.GetProperty("sigmaIn").GetDouble(), 4));
        double shifted = model.GetProperty("meanPsnr").GetDouble();
        double noisy8 = EvalProtocolTests.Method(c, DenoiseEvaluation.Noisy8Name).GetProperty("meanPsnr").GetDouble();
        Assert.True(shifted < noisy8 - 0.5, $"{shifted} vs {noisy8}");

        var auto = RunJson("eval", "denoise", "--set", Cbsd68, "--sigma", "25", "--limit", "2", "--peers", "none", "--no-ssim", "-m", _noiseMap, "--sigma-input", "auto");
        var am = EvalProtocolTests.Method(Condition(auto, 0), "nmap");
        Assert.Contains("estimated per image", am.GetProperty("settings").GetString());
        Assert.All(am.GetProperty("images").EnumerateArray(), i =>
        {
            double s = i.GetProperty("sigmaIn").GetDouble();
            Assert.InRange(s, 18, 30); // estimated from the clipped 8-bit image
            Assert.NotEqual(25, s, 3);
        });
    }

    [SkippableFact]
    public void PixelShuffleIsNearestNeighbourAndScoresBelowBicubic()
    {
        var report = RunJson("eval", "sr", "--set", TestPaths.EvalSet("Set5"), "-s", "2,3", "-m", _shuffle2, "--no-ssim");
        var x2 = Condition(report, 0);
        var model = EvalProtocolTests.Method(x2, "shuffle2");
        double bicubic = EvalProtocolTests.Method(x2, SrEvaluation.BicubicRgbName).GetProperty("meanPsnr").GetDouble();
        double nearest = model.GetProperty("meanPsnr").GetDouble();
        _output.WriteLine($"Set5 ×2: nearest (pixel shuffle) {nearest:F3} dB, bicubic {bicubic:F3} dB");
        Assert.True(nearest < bicubic - 1, $"{nearest} vs {bicubic}");

        // The same number computed here by hand: nearest ×2 of the protocol LR, BT.601 Y, 2-pixel crop.
        var files = Directory.GetFiles(TestPaths.EvalSet("Set5"), "*.png").Order(StringComparer.Ordinal).ToArray();
        var images = model.GetProperty("images").EnumerateArray().ToList();
        for (int k = 0; k < files.Length; k++)
        {
            var hr = ProtocolScores.ModCrop(ImageFile.Load(files[k]), 2);
            var lr = ProtocolScores.SrLowResolution(hr, 2);
            var sr = new Bgra8Image(hr.Width, hr.Height);
            for (int y = 0; y < hr.Height; y++)
            {
                for (int x = 0; x < hr.Width; x++)
                {
                    lr.Data.AsSpan((((y / 2) * lr.Width) + (x / 2)) * 4, 4).CopyTo(sr.Data.AsSpan(((y * hr.Width) + x) * 4, 4));
                }
            }

            double expected = ImageMetrics.Psnr(ColorSpaces.RgbToYBt601(ProtocolScores.To255(hr)), ColorSpaces.RgbToYBt601(ProtocolScores.To255(sr)), 255, 2);
            Assert.Equal(Path.GetFileNameWithoutExtension(files[k]), images[k].GetProperty("image").GetString());
            Assert.Equal(expected, images[k].GetProperty("psnr").GetDouble(), 9);
        }

        var x3 = EvalProtocolTests.Method(Condition(report, 1), "shuffle2");
        Assert.Equal("skipped: a ×2 model", x3.GetProperty("status").GetString());
    }

    [SkippableFact]
    public void WrongModelsAndBadValuesAreOneLineErrors()
    {
        var (e1, _, err1) = CliRunner.Run("eval", "denoise", "--set", Cbsd68, "-m", _shuffle2, "--limit", "1");
        Assert.Equal(1, e1);
        Assert.Contains("needs a denoise model", err1);
        var (e2, _, err2) = CliRunner.Run("eval", "sr", "--set", Cbsd68, "-m", _identity, "--limit", "1");
        Assert.Equal(1, e2);
        Assert.Contains("needs a super-resolution model", err2);
        var (e3, _, err3) = CliRunner.Run("eval", "denoise", "--set", Cbsd68, "--sigma", "15,abc");
        Assert.Equal(1, e3);
        Assert.Contains("--sigma 15,abc", err3);
        var (e4, _, err4) = CliRunner.Run("eval", "denoise", "--set", Cbsd68, "--peers", "bm3d");
        Assert.Equal(1, e4);
        Assert.Contains("unknown peer", err4);
        var (e5, _, err5) = CliRunner.Run("eval", "real", "--set", Cbsd68);
        Assert.Equal(1, e5);
        Assert.Contains("no noisy/clean pairs", err5);

        // A broken file in a set (loaded in parallel) is still one line naming the file.
        var broken = Directory.CreateDirectory(_dir.File("broken")).FullName;
        File.Copy(Directory.GetFiles(Cbsd68, "*.png").Order(StringComparer.Ordinal).First(), Path.Combine(broken, "a.png"));
        File.WriteAllBytes(Path.Combine(broken, "b.png"), []);
        var (e6, _, err6) = CliRunner.Run("eval", "sr", "--set", broken);
        Assert.Equal(1, e6);
        Assert.Single(err6.Trim().Split('\n'));
        Assert.Contains("b.png: file is empty", err6);
    }

    /// <summary>Each program peer (Debian's ffmpeg, gmic) runs and beats the noisy input; skipped, naming the package, where it is not installed.</summary>
    [SkippableTheory]
    [InlineData("dctdnoiz", "ffmpeg")]
    [InlineData("nlmeans", "gmic")]
    public void APeerRunsAndBeatsTheNoisyInput(string id, string program)
    {
        var set = TinyCbsd68();
        Missing.Program(program, debianPackage: program);
        var peer = DenoisePeer.Select(id).Cast<ExternalDenoiser>().Single();
        var report = DenoiseEvaluation.Run(new EvalSettings { SetDir = set, Peers = id }, [25], sigmaInputAuto: false);
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
        var log = new StringWriter();
        var missing = DenoiseEvaluation.Run(new EvalSettings { SetDir = TinyCbsd68(), Peers = "all", PeerSearchPath = _dir.File("empty-path"), Log = log }, [15], sigmaInputAuto: false);
        var lines = log.ToString().Split('\n');
        Assert.Single(lines, l => l == "eval: ffmpeg dctdnoiz: not installed: `ffmpeg` not on PATH (Debian: apt-get install ffmpeg); left out");
        Assert.Single(lines, l => l == "eval: G'MIC nlmeans: not installed: `gmic` not on PATH (Debian: apt-get install gmic); left out");
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

    [SkippableFact]
    public void RealPairsAreFoundByEitherNamingAndScored()
    {
        var set = Directory.CreateDirectory(_dir.File("pairs")).FullName;
        var sidd = TestPaths.EvalSet("SIDD_samples");
        foreach (var i in new[] { 0, 1, 10 })
        {
            ImageFile.Save(Path.Combine(set, $"NOISY_{i}.png"), Crop(ImageFile.Load(Path.Combine(sidd, $"NOISY_{i}.png")), 0, 0, 64, 64));
            ImageFile.Save(Path.Combine(set, $"GT_{i}.png"), Crop(ImageFile.Load(Path.Combine(sidd, $"GT_{i}.png")), 0, 0, 64, 64));
        }

        ImageFile.Save(Path.Combine(set, "Canon_real.png"), Crop(ImageFile.Load(Path.Combine(sidd, "NOISY_2.png")), 0, 0, 64, 64));
        ImageFile.Save(Path.Combine(set, "Canon_mean.png"), Crop(ImageFile.Load(Path.Combine(sidd, "GT_2.png")), 0, 0, 64, 64));
        var report = RunJson("eval", "real", "--set", set, "-m", _identity, "--peers", "dctdnoiz");
        var c = Condition(report, 0);
        var noisy = EvalProtocolTests.Method(c, RealEvaluation.NoisyName);
        Assert.Equal(new[] { "0", "1", "10", "Canon" }, noisy.GetProperty("images").EnumerateArray().Select(i => i.GetProperty("image").GetString()!).ToArray());
        Assert.Equal(Scores(noisy), Scores(EvalProtocolTests.Method(c, "identity")));
        Assert.All(noisy.GetProperty("images").EnumerateArray(), i => Assert.InRange(i.GetProperty("psnr").GetDouble(), 15, 60));
        var peer = EvalProtocolTests.Method(c, "ffmpeg dctdnoiz");
        Assert.Equal(DenoisePeer.Select("dctdnoiz").Single().Installed ? MethodResult.Ok : MethodResult.NotInstalled, peer.GetProperty("status").GetString());

        File.Delete(Path.Combine(set, "GT_10.png"));
        var (exit, _, err) = CliRunner.Run("eval", "real", "--set", set);
        Assert.Equal(1, exit);
        Assert.Contains("no ground truth (GT_i or name_mean) for NOISY_10.png", err);
    }

    [SkippableFact]
    public void SrWithGivenLowResolutionImagesScoresThoseInsteadOfBicubicReductions()
    {
        var set = TestPaths.EvalSet("Set5");
        var lrDir = _dir.File("set5-lr");
        Directory.CreateDirectory(lrDir);
        foreach (var f in Directory.GetFiles(set, "*.png"))
        {
            var hr = ProtocolScores.ModCrop(ImageFile.Load(f), 2);
            ImageFile.Save(Path.Combine(lrDir, Path.GetFileName(f)), ProtocolScores.SrLowResolution(hr, 2), 95);
        }

        // The same LR the protocol makes, given as files: the same scores, under a condition that names the folder.
        var standard = Condition(RunJson("eval", "sr", "--set", set, "-s", "2", "-m", _shuffle2, "--no-ssim"), 0);
        var given = Condition(RunJson("eval", "sr", "--set", set, "-s", "2", "-m", _shuffle2, "--no-ssim", "--lr", lrDir), 0);
        Assert.Equal("×2, LR set5-lr", given.GetProperty("name").GetString());
        Assert.Equal(Scores(EvalProtocolTests.Method(standard, "shuffle2")), Scores(EvalProtocolTests.Method(given, "shuffle2")));
        Assert.DoesNotContain(given.GetProperty("methods").EnumerateArray(), m => m.GetProperty("name").GetString() == SrEvaluation.BicubicPublishedName);

        var first = Directory.GetFiles(lrDir).Order(StringComparer.Ordinal).First();
        ImageFile.Save(first, new Bgra8Image(10, 10), null, new SaveOptions { Quality = 95, Overwrite = true });
        var (exit, _, err) = CliRunner.Run("eval", "sr", "--set", set, "-s", "2", "-m", _shuffle2, "--lr", lrDir);
        Assert.Equal(1, exit);
        Assert.Contains(Path.GetFileNameWithoutExtension(first), err);
        Assert.Contains("10×10", err);
        File.Delete(first);
        (exit, _, err) = CliRunner.Run("eval", "sr", "--set", set, "-s", "2", "-m", _shuffle2, "--lr", lrDir);
        Assert.Equal(1, exit);
        Assert.Contains($"no LR image named {Path.GetFileNameWithoutExtension(first)}", err);
        (exit, _, err) = CliRunner.Run("eval", "sr", "--set", set, "-s", "2,4", "--lr", lrDir);
        Assert.Equal(1, exit);
        Assert.Contains("one -s", err);
    }

    [SkippableFact]
    public void RealRecordsTheConditionOnceNamedAndReplacesTheOldDoubledName()
    {
        var set = _dir.File("real-record");
        Directory.CreateDirectory(set);
        var sidd = TestPaths.EvalSet("SIDD_samples");
        foreach (var i in new[] { 0, 1 })
        {
            ImageFile.Save(Path.Combine(set, $"NOISY_{i}.png"), Crop(ImageFile.Load(Path.Combine(sidd, $"NOISY_{i}.png")), 0, 0, 48, 48));
            ImageFile.Save(Path.Combine(set, $"GT_{i}.png"), Crop(ImageFile.Load(Path.Combine(sidd, $"GT_{i}.png")), 0, 0, 48, 48));
        }

        var proto = AePaint.OnnxFormat.OnnxModelFile.Read(_identity);
        var card = AePaint.OnnxFormat.OnnxModelFile.GetCard(proto, _identity)!;
        AePaint.OnnxFormat.OnnxModelFile.WriteWithCard(proto, card with { Metrics = [new("real-record", "psnr", 1.0, "real real noise")] }, _identity);
        var (exit, _, err) = CliRunner.Run("eval", "real", "--set", set, "-m", _identity, "--peers", "none", "--no-ssim", "--record");
        Assert.True(exit == 0, err);
        var recorded = AePaint.OnnxFormat.OnnxModelFile.GetCard(AePaint.OnnxFormat.OnnxModelFile.Read(_identity), _identity)!;
        var psnr = Assert.Single(recorded.Metrics);
        Assert.Equal(("real-record", "psnr", "real noise"), (psnr.Dataset, psnr.Metric, psnr.Condition));
        Assert.InRange(psnr.Value, 15, 60);
    }

    [SkippableFact]
    public void RealRunsOnTheSiddSamples()
    {
        var report = RunJson("eval", "real", "--set", TestPaths.EvalSet("SIDD_samples"), "--limit", "2", "--peers", "none", "--no-ssim", "-m", _noiseMap);
        var c = Condition(report, 0);
        var noisy = EvalProtocolTests.Method(c, RealEvaluation.NoisyName);
        Assert.Equal(new[] { "0", "1" }, noisy.GetProperty("images").EnumerateArray().Select(i => i.GetProperty("image").GetString()!).ToArray());
        var model = EvalProtocolTests.Method(c, "nmap");
        Assert.All(model.GetProperty("images").EnumerateArray(), i => Assert.True(i.GetProperty("sigmaIn").GetDouble() > 0));
    }

    [SkippableFact]
    public void RealWithSigmasScoresEachFixedSigmaAndThePerImageBestBesideTheAutomaticOne()
    {
        var report = RunJson("eval", "real", "--set", TestPaths.EvalSet("SIDD_samples"), "--limit", "2", "--peers", "none", "--no-ssim", "-m", _noiseMap, "--sigmas", "0,10");
        var c = Condition(report, 0);
        double[] Psnrs(JsonElement m) => m.GetProperty("images").EnumerateArray().Select(i => i.GetProperty("psnr").GetDouble()).ToArray();
        var s0 = Psnrs(EvalProtocolTests.Method(c, SigmaSweep.RowName("nmap", 0)));
        var s10 = Psnrs(EvalProtocolTests.Method(c, SigmaSweep.RowName("nmap", 10)));
        Assert.NotEqual(s0, s10); // the map subtracts σ: the fixed rows differ
        var oracle = EvalProtocolTests.Method(c, SigmaSweep.OracleName("nmap"));
        var images = oracle.GetProperty("images").EnumerateArray().ToArray();
        for (int i = 0; i < images.Length; i++)
        {
            Assert.Equal(Math.Max(s0[i], s10[i]), images[i].GetProperty("psnr").GetDouble());
            Assert.Equal(s0[i] >= s10[i] ? 0 : 10, images[i].GetProperty("sigmaIn").GetDouble());
        }

        Assert.Contains(report.GetProperty("protocol").EnumerateArray(), p => p.GetString()!.Contains("vs the best fixed σ per image: mean gap", StringComparison.Ordinal));
        var (exit, _, err) = CliRunner.Run("eval", "real", "--set", TestPaths.EvalSet("SIDD_samples"), "-m", _noiseMap, "--sigmas", "5,300");
        Assert.Equal(1, exit);
        Assert.Contains("--sigmas 5,300: every σ must lie in 0..255", err);
    }

    [SkippableFact]
    public void CompareDrawsOneLabelledCropPerMethod()
    {
        var photo = Directory.GetFiles(Cbsd68, "*.png").Order(StringComparer.Ordinal).First();
        var target = _dir.File("cmp.png");
        var (exit, stdout, err) = CliRunner.Run("compare", photo, "--sigma", "25", "-m", _identity, "--peers", "none", "--crop", "10,20,40,30", "--zoom", "2", "-o", target);
        Assert.True(exit == 0, err);
        var sheet = ImageFile.Load(target);
        Assert.Equal((3 * 80) + (4 * 6), sheet.Width); // noisy | identity | ground truth, 6-pixel gaps
        Assert.Contains("| noisy σ 25 | ", stdout);
        Assert.Contains("| ground truth | reference |", stdout);
        var rows = stdout.Split('\n').Where(l => l.StartsWith("| noisy", StringComparison.Ordinal) || l.StartsWith("| identity", StringComparison.Ordinal)).Select(l => l.Split('|')[2].Trim()).ToArray();
        Assert.Equal(rows[0], rows[1]); // identity = the 8-bit noisy image

        // The crop is the image's pixels enlarged ×2: the ground-truth panel's first pixel is the photo's (10, 20).
        var clean = ImageFile.Load(photo);
        int titleHeight = 30, gtX = 6 + (2 * 86);
        Assert.Equal(clean.Data.AsSpan(((20 * clean.Width) + 10) * 4, 3).ToArray(), sheet.Data.AsSpan(((titleHeight * sheet.Width) + gtX) * 4, 3).ToArray());
        if (!err.Contains("no font found", StringComparison.Ordinal))
        {
            // Labels: light text on the dark strip under the first panel.
            int bright = 0;
            for (int y = titleHeight + 60; y < sheet.Height; y++)
            {
                for (int x = 6; x < 86; x++)
                {
                    bright += sheet.Data[((y * sheet.Width) + x) * 4] > 150 ? 1 : 0;
                }
            }

            Assert.True(bright > 20, $"only {bright} bright label pixels");
        }

        var sr = _dir.File("sr.png");
        var (e2, out2, err2) = CliRunner.Run("compare", Path.Combine(TestPaths.EvalSet("Set5"), "baby.png"), "-s", "2", "-m", _shuffle2, "-o", sr);
        Assert.True(e2 == 0, err2);
        Assert.Equal((5 * 256) + (6 * 6), ImageFile.Load(sr).Width); // input | bicubic | Lanczos3 | shuffle2 | ground truth
        var psnr = out2.Split('\n').Where(l => l.StartsWith("| input", StringComparison.Ordinal) || l.StartsWith("| shuffle2", StringComparison.Ordinal)).Select(l => l.Split('|')[2].Trim()).ToArray();
        Assert.Equal(psnr[0], psnr[1]); // pixel shuffle ×2 is nearest neighbour
    }

    [SkippableFact]
    public void CompareWithoutReferenceShowsTheRealNoisyPhotoAndEachMethodWithoutScores()
    {
        var photo = Path.Combine(TestPaths.EvalSet("RNI15"), "Dog.png");
        var target = _dir.File("rni.png");
        var (exit, stdout, err) = CliRunner.Run("compare", photo, "--no-reference", "-m", _identity, "--peers", "none", "--crop", "0,0,50,40", "--zoom", "1", "-o", target);
        Assert.True(exit == 0, err);
        Assert.Equal((2 * 50) + (3 * 6), ImageFile.Load(target).Width); // noisy | identity, no ground truth panel
        Assert.Contains("| noisy | no ground truth |", stdout);
        Assert.Contains("| identity | no ground truth |", stdout);
        Assert.DoesNotContain("ground truth | reference", stdout);

        var (e2, _, err2) = CliRunner.Run("compare", photo, "--no-reference", "--noisy", photo, "-o", target);
        Assert.Equal(1, e2);
        Assert.Contains("--no-reference", err2);
    }

    [SkippableFact]
    public void CompareWithoutReferenceEnlargesARealSmallPhotoAsItIs()
    {
        var photo = Path.Combine(TestPaths.EvalSet("RNI15"), "Dog.png");
        var size = ImageFile.Load(photo);
        var target = _dir.File("rni-x2.png");
        var (exit, stdout, err) = CliRunner.Run("compare", photo, "--no-reference", "-s", "2", "-m", _shuffle2, "--crop", "0,0,40,30", "--zoom", "1", "-o", target);
        Assert.True(exit == 0, err);
        Assert.Equal((4 * 40) + (5 * 6), ImageFile.Load(target).Width); // nearest | bicubic | Lanczos3 | shuffle2, no ground truth
        Assert.Contains("| shuffle2 | no ground truth |", stdout);
        Assert.Contains("| bicubic | no ground truth |", stdout);
        var (e2, _, err2) = CliRunner.Run("compare", photo, "--no-reference", "-s", "2", "-m", _shuffle2, "--crop", $"{(2 * size.Width) - 10},0,20,20", "-o", target);
        Assert.Equal(1, e2);
        Assert.Contains($"outside the {2 * size.Width}×{2 * size.Height} image", err2); // the crop is in the enlarged image
    }

    [SkippableFact]
    public void RecordWritesTheMeansIntoTheModelsCardAndReplacesThemOnARerun()
    {
        var (_, report1, err1) = CliRunner.Run("eval", "sr", "--set", TestPaths.EvalSet("Set5"), "-s", "2", "-m", _shuffle2, "--no-ssim", "--record");
        Assert.True(report1.Length > 0, err1);
        Assert.Contains("recorded in the card", err1);
        var (exit, _, err) = CliRunner.Run("eval", "sr", "--set", TestPaths.EvalSet("Set5"), "-s", "2", "-m", _shuffle2, "--record");
        Assert.True(exit == 0, err);
        foreach (var card in new[]
        {
            AePaint.OnnxFormat.OnnxModelFile.GetCard(AePaint.OnnxFormat.OnnxModelFile.Read(_shuffle2), _shuffle2)!,
            AePaint.Inference.Cards.ModelCardJson.Deserialize(File.ReadAllText(Path.ChangeExtension(_shuffle2, ".json")), "sidecar"),
        })
        {
            var psnr = Assert.Single(card.Metrics, m => m.Dataset == "Set5" && m.Metric == "psnr");
            Assert.Equal("sr ×2", psnr.Condition);
            Assert.InRange(psnr.Value, 20, 40);
            Assert.Single(card.Metrics, m => m.Dataset == "Set5" && m.Metric == "ssim");
        }

        var (e2, _, err2) = CliRunner.Run("eval", "sr", "--set", TestPaths.EvalSet("Set5"), "-s", "2", "-m", _shuffle2, "--record", "--limit", "2");
        Assert.Equal(1, e2);
        Assert.Contains("--record", err2);
        var (e3, _, err3) = CliRunner.Run("eval", "sr", "--set", TestPaths.EvalSet("Set5"), "-s", "2", "-m", _shuffle2, "--record", "--passes", "8");
        Assert.Equal(1, e3);
        Assert.Contains("--passes", err3);
    }

    [SkippableFact]
    public void PassesNameTheModelAsItsOwnMethodInTheReport()
    {
        var (exit, report, err) = CliRunner.Run("eval", "sr", "--set", TestPaths.EvalSet("Set5"), "-s", "2", "-m", _shuffle2, "--no-ssim", "--limit", "2", "--passes", "8");
        Assert.True(exit == 0, err);
        Assert.Contains("shuffle2 ×8 passes", report);
        Assert.Contains("self-ensemble of 8 flips/turns", report);
    }

    /// <summary>64×48 crops of the first two CBSD68 images: enough for the peers, seconds instead of minutes.</summary>
    private string TinyCbsd68()
    {
        var set = _dir.File("tiny");
        if (!Directory.Exists(set))
        {
            Directory.CreateDirectory(set);
            foreach (var name in Directory.GetFiles(Cbsd68, "*.png").Order(StringComparer.Ordinal).Take(2))
            {
                ImageFile.Save(Path.Combine(set, Path.GetFileName(name)), Crop(ImageFile.Load(name), 100, 100, 64, 48));
            }
        }

        return set;
    }

    private static Bgra8Image Crop(Bgra8Image src, int x0, int y0, int w, int h)
    {
        var o = new Bgra8Image(w, h);
        for (int y = 0; y < h; y++)
        {
            src.Data.AsSpan((((y0 + y) * src.Width) + x0) * 4, w * 4).CopyTo(o.Row(y));
        }

        return o;
    }

    private static JsonElement Condition(JsonElement report, int k) => report.GetProperty("conditions")[k];

    private static double[] Scores(JsonElement method) =>
        method.GetProperty("images").EnumerateArray().Select(i => i.GetProperty("psnr").GetDouble()).ToArray();

    private JsonElement RunJson(params string[] args)
    {
        var basePath = _dir.File("r" + Guid.NewGuid().ToString("N")[..6]);
        var (exit, _, err) = CliRunner.Run([.. args, "-o", basePath]);
        Assert.True(exit == 0, err);
        return JsonDocument.Parse(File.ReadAllText(basePath + ".json")).RootElement.Clone();
    }

    public void Dispose() => _dir.Dispose();
}
