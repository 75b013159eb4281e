using System.Text.Json;
using AePaint.Inference.Profiling;
using AePaint.TestSupport;

namespace AePaint.Inference.Tests;

/// <summary>Why a model is below the conv peak, read from ONNX Runtime's profile (what `aepaint bench` prints).</summary>
public sealed class PeakShortfallTests : IDisposable
{
    private readonly TempDir _dir = new();

    [Fact]
    public void DenoiseFastLosesItsTimeToTheShuffleAndTheReordersAroundIt()
    {
        // The shipped U-Net in a real session: ORT blocks its convs (NCHWc) and leaves that layout at each DepthToSpace.
        var path = Path.Combine(TestPaths.RepoRoot, "models", "denoise-fast.onnx");
        string profilePath;
        int pixels;
        double macs;
        using (var model = ModelSession.OpenCpu(path, new CpuTuning { ProfilePrefix = _dir.File("df") }))
        {
            macs = model.Card.MacsPerPixel ?? throw new InvalidOperationException("denoise-fast's card has no MAC/px");
            var window = new Imaging.PlanarImage(model.Card.GraphInputChannels, 512, 512);
            var rng = new Random(3);
            for (int i = 0; i < window.Data.Length; i++)
            {
                window.Data[i] = (float)rng.NextDouble();
            }

            pixels = window.PlaneSize;
            var result = model.Run(window);
            model.Run(window, result);
            model.Run(window, result);
            profilePath = model.EndProfiling();
        }

        var profile = OpProfile.Read(profilePath, lastRuns: 2);
        Assert.Equal(1.0, profile.Ops.Sum(o => o.Share), 6);
        var conv = Assert.Single(profile.Ops, o => o.OpType == "Conv");
        var shuffle = Assert.Single(profile.Ops, o => o.OpType == "DepthToSpace");
        Assert.Equal(3, shuffle.Nodes); // the U-Net's three up-steps
        Assert.True(conv.Share > 0.5, $"Conv {conv.Share:P1}");
        Assert.True(profile.UsesNchwc);

        // Every op type named (min share 0): the convs and the costs are all the kernel time. Which memory-bound op
        // is largest swings with the load of the machine the test runs on, so no share is pinned here.
        double peak = 100;
        var s = PeakShortfall.Of(profile, 2.0 * macs * pixels * profile.Runs, peak, minShare: 0);
        var table = string.Join(", ", profile.Ops.Select(o => $"{o.OpType} {o.Share:P1}"));
        Assert.Equal(2.0 * macs * pixels * 2 / (conv.Milliseconds / 1000) / 1e9, s.ConvGflops, 9);
        Assert.Equal(s.ConvGflops / peak, s.ConvOfPeak, 12);
        Assert.Equal(1.0, conv.Share + s.CostShare, 9);
        Assert.Equal(s.ConvGflops, s.WithoutGflops, 6);
        Assert.True(s.KernelGflops < s.ConvGflops, table);
        Assert.True(s.Costs.Any(c => c.OpType == "DepthToSpace" && c.Share == shuffle.Share), table);
        var reorders = Assert.Single(s.Costs, c => c.OpType == PeakShortfall.Reorders);
        Assert.Equal(profile.Ops.Where(o => o.OpType.StartsWith("Reorder", StringComparison.Ordinal)).Sum(o => o.Share), reorders.Share, 12);
        Assert.Contains("DepthToSpace", s.Unblocked);
        Assert.DoesNotContain("Add", s.Unblocked); // ORT has a blocked Add: it runs unblocked only because of the shuffle before it
        Assert.DoesNotContain(s.Costs, c => c.OpType == "Conv");
        Assert.Matches(@"\(ORT has no NCHWc kernel for [^)]*DepthToSpace[^)]*\) — without them \d+ %$", s.Describe());

        // At the default 2 %, only the reorders may be named below it.
        var named = PeakShortfall.Of(profile, 2.0 * macs * pixels * profile.Runs, peak);
        Assert.All(named.Costs, c => Assert.True(c.OpType == PeakShortfall.Reorders || c.Share >= 0.02, table));
        Assert.InRange(named.WithoutGflops, named.KernelGflops, named.ConvGflops + 1e-9);
    }

    [Fact]
    public void FiguresAndSentenceFollowFromTheProfileAlone()
    {
        // A hand-made profile of known times, 2 runs: Conv 140 ms, DepthToSpace 40, reorders 10 + 6, Add 3, Slice 1.
        var events = new List<object>
        {
            new { cat = "Session", name = "model_run", ts = 0.0, dur = 100_000.0 },
            new { cat = "Session", name = "model_run", ts = 200_000.0, dur = 100_000.0 },
        };
        void Node(string node, string op, double ms) => events.Add(new { cat = "Node", name = node + "_kernel_time", ts = 1.0, dur = ms * 1000, args = new { op_name = op } });
        Node("c1", "Conv", 90);
        Node("c2", "Conv", 50);
        Node("d", "DepthToSpace", 40);
        Node("ro", "ReorderOutput", 10);
        Node("ri", "ReorderInput", 6);
        Node("a", "Add", 3);
        Node("s", "Slice", 1);
        var path = _dir.File("made.json");
        File.WriteAllText(path, JsonSerializer.Serialize(events));
        var profile = OpProfile.Read(path);

        // 200 ms of kernels; 20 GFLOP of arithmetic: 142.9 GFLOP/s in the convs, 100 in all kernels, 20 / 0.143 s without the named ops.
        var s = PeakShortfall.Of(profile, 20e9, peakGflops: 200);
        Assert.Equal(20 / 0.140, s.ConvGflops, 9);
        Assert.Equal(100, s.KernelGflops, 9);
        Assert.Equal(20 / 0.144, s.WithoutGflops, 9); // Add (1.5 %) and Slice stay in: below 2 % of kernel time
        Assert.Equal(["DepthToSpace", PeakShortfall.Reorders], s.Costs.Select(c => c.OpType));
        Assert.Equal(2, s.Costs[1].Nodes);
        Assert.Equal(0.28, s.CostShare, 12);
        Assert.Equal("Conv kernels at 71 % of the peak, all kernels at 50 %; DepthToSpace 20 % and NCHWc reorders 8 % of kernel time (ORT has no NCHWc kernel for DepthToSpace) — without them 69 %", s.Describe());

        var wide = PeakShortfall.Of(profile, 20e9, peakGflops: 200, minShare: 0.01);
        Assert.Equal(["DepthToSpace", PeakShortfall.Reorders, "Add"], wide.Costs.Select(c => c.OpType));
        Assert.Equal([PeakShortfall.Reorders], PeakShortfall.Of(profile, 20e9, peakGflops: 200, minShare: 0.5).Costs.Select(c => c.OpType)); // the reorders are named whatever their share
    }

    public void Dispose() => _dir.Dispose();
}
