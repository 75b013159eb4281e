using System.Diagnostics;
using System.Globalization;
using AePaint.Inference;

namespace AePaint.Cli.Commands.Bench;

/// <summary>
/// A very large image through the engine in a child process (so the peak RSS is the run's own, not the benchmark
/// process's history): bounded memory is a feature, measured here.
/// </summary>
internal static class MemoryProbe
{
    /// <summary>Starts `aepaint bench --memory-probe` as a child and prints what it reports.</summary>
    public static int RunChild(CliConsole console, string path, double mp, int tile) =>
        ChildProcess.Run(console, ["bench", "-m", path, "--memory-probe", mp.ToString(CultureInfo.InvariantCulture), "--tile", tile.ToString(CultureInfo.InvariantCulture)]);

    /// <summary>The child's side: one image of <paramref name="mp"/> megapixels, then its peak RSS.</summary>
    public static int Run(CliConsole console, string path, double mp, int tile)
    {
        using var model = ModelSession.Open(path, ExecutionDevice.Cpu);
        var input = BenchImages.Synthetic(mp);
        long afterInput = PeakRss.Bytes();
        var clock = Stopwatch.StartNew();
        var settings = new RunSettings { TileSize = tile, Sigma = ThroughputBench.Sigma(model) };
        var (output, report) = TiledRunner.Run(model, input, settings);
        GC.KeepAlive(output);
        console.Output.WriteLine($"large image: {input.Width}×{input.Height} ({input.PixelCount / 1e6:F0} MP) tile {report.TileSize}: {clock.Elapsed.TotalSeconds:F1} s, {input.PixelCount / 1e6 / clock.Elapsed.TotalSeconds:F3} MP/s");
        console.Output.WriteLine($"peak RSS: {PeakRss.Bytes() / 1e9:F2} GB (input + output buffers alone: {(input.Data.LongLength + output.Data.LongLength) / 1e9:F2} GB; peak before the run: {afterInput / 1e9:F2} GB)");
        return 0;
    }
}
