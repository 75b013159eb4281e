using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using AePaint.Imaging;
using AePaint.Inference;
using AePaint.Inference.Cards;

namespace AePaint.Cli.Commands;

/// <summary>
/// `aepaint bench`: CPU throughput (MP/s) per tile size and peak memory of a very large image, printed as
/// figures. Speed claims come from here, never from unit tests.
/// </summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var model = new Option<string[]>("--model", "-m") { Description = "Models to measure; repeat for several (default: every shipped model found, else a synthetic 8-layer 32-channel conv net)" };
        var overheadMp = new Option<double>("--overhead-mp") { Description = "Megapixels of the tiled-vs-whole-image comparison (0 = skip)", DefaultValueFactory = _ => 1.0 };
        var tiles = new Option<string>("--tiles") { Description = "Tile sizes to compare", DefaultValueFactory = _ => "128,256,512" };
        var mp = new Option<double>("--mp") { Description = "Megapixels of the throughput image", DefaultValueFactory = _ => 4.0 };
        var bigMp = new Option<double>("--big-mp") { Description = "Megapixels of the peak-memory run in a child process (0 = skip)", DefaultValueFactory = _ => 100.0 };
        var device = new Option<ExecutionDevice>("--device", "-g") { DefaultValueFactory = _ => ExecutionDevice.Cpu };
        var probe = new Option<double>("--memory-probe") { Hidden = true, Description = "internal: run one image of N MP and print peak RSS" };
        var tile = new Option<int>("--tile") { Hidden = true, DefaultValueFactory = _ => RunSettings.DefaultTileSize };
        var passes = EvalCommand.PassesOption();
        var cmd = new Command("bench", "Measure throughput per tile size and peak memory on a large image");
        foreach (var o in new Option[] { model, tiles, mp, bigMp, overheadMp, device, probe, tile, passes })
        {
            cmd.Options.Add(o);
        }

        cmd.SetAction(pr =>
        {
            var console = CliConsole.For(pr);
            using var temp = new BenchModelFolder();
            var named = pr.GetValue(model) ?? [];
            var paths = named.Length > 0 ? named.Select(m => ModelCatalog.Default().Resolve(m)).ToList() : temp.DefaultModels();
            if (pr.GetValue(probe) is > 0 and var probeMp)
            {
                return MemoryProbe(console, paths[0], probeMp, pr.GetValue(tile));
            }

            var sizes = pr.GetValue(tiles)!.Split(',').Select(t => int.Parse(t, CultureInfo.InvariantCulture)).ToArray();
            double peak = ConvPeak(console, temp.PeakConvModel(), pr.GetValue(device));
            for (int i = 0; i < paths.Count; i++)
            {
                // The 100 MP memory run is minutes long: once, for the first model.
                int code = Throughput(console, paths[i], pr.GetValue(device), sizes, pr.GetValue(mp), i == 0 ? pr.GetValue(bigMp) : 0, pr.GetValue(overheadMp), peak, pr.GetValue(passes));
                if (code != 0)
                {
                    return code;
                }
            }

            return 0;
        });
        return cmd;
    }

    /// <summary>GFLOP/s (2 FLOP per MAC) of the conv-peak probe on 512² windows, best of three after a warm-up.</summary>
    private static double ConvPeak(CliConsole console, string path, ExecutionDevice device)
    {
        using var model = ModelSession.Open(path, device);
        var window = new PlanarImage(3, 512, 512);
        model.Run(window);
        double best = double.MaxValue;
        for (int i = 0; i < 3; i++)
        {
            var clock = Stopwatch.StartNew();
            model.Run(window);
            best = Math.Min(best, clock.Elapsed.TotalSeconds);
        }

        double gflops = 2.0 * BenchModelFolder.PeakConvMacsPerPixel * window.PlaneSize / best / 1e9;
        console.Output.WriteLine($"conv peak ({model.Provider}, {Environment.ProcessorCount} cores): {gflops:F1} GFLOP/s — four 64→64 3×3 convs on a 512×512 window, {best:F2} s");
        return gflops;
    }

    private static int Throughput(CliConsole console, string path, ExecutionDevice device, int[] tiles, double mp, double bigMp, double overheadMp, double peakGflops, int passes)
    {
        using var model = ModelSession.Open(path, device);
        var input = Synthetic(mp);
        console.Output.WriteLine($"model: {Path.GetFileName(path)} ({model.Card.Architecture}, {model.Card.Parameters?.ToString("N0", CultureInfo.InvariantCulture) ?? "?"} params, {model.Card.MacsPerPixel?.ToString("N0", CultureInfo.InvariantCulture) ?? "?"} MAC/px) on {model.Provider}, {Environment.ProcessorCount} cores");
        console.Output.WriteLine($"image: {input.Width}×{input.Height} ({input.PixelCount / 1e6:F1} MP), output ×{model.Card.Scale}{(passes > 1 ? $", self-ensemble of {passes} passes" : "")}");
        console.Output.WriteLine("| tile | tiles | seconds | MP/s (input) | MP/s (output) |");
        console.Output.WriteLine("|---:|---:|---:|---:|---:|");
        var best = (Tile: 0, Rate: 0.0);
        foreach (var t in tiles)
        {
            var settings = new RunSettings { TileSize = t, Sigma = model.Card.NoiseMap is null ? null : 25f, Passes = passes };
            TiledRunner.Run(model, Synthetic(0.05), settings); // warm-up: session shapes, allocator
            var clock = Stopwatch.StartNew();
            var (_, report) = TiledRunner.Run(model, input, settings);
            double s = clock.Elapsed.TotalSeconds;
            double rate = input.PixelCount / 1e6 / s;
            console.Output.WriteLine($"| {t} | {report.Tiles} | {s:F2} | {rate:F3} | {rate * model.Card.Scale * model.Card.Scale:F3} |");
            if (rate > best.Rate)
            {
                best = (t, rate);
            }
        }

        console.Output.WriteLine($"fastest tile: {best.Tile} ({best.Rate:F3} MP/s)");
        if (model.Card.MacsPerPixel is { } macs && peakGflops > 0)
        {
            double gflops = 2.0 * macs * passes * best.Rate * 1e6 / 1e9;
            console.Output.WriteLine($"efficiency: {gflops:F1} GFLOP/s of model arithmetic = {100 * gflops / peakGflops:F0} % of the conv peak");
        }

        if (overheadMp > 0)
        {
            TilingOverhead(console, model, overheadMp, best.Tile);
        }


        if (bigMp > 0)
        {
            return RunProbe(console, path, bigMp, best.Tile);
        }

        return 0;
    }

    /// <summary>Tiled at the fastest tile vs one window over the whole image (the same model and pixels).</summary>
    private static void TilingOverhead(CliConsole console, ModelSession model, double mp, int tile)
    {
        var input = Synthetic(mp);
        var sigma = model.Card.NoiseMap is null ? (float?)null : 25f;
        double Time(int t)
        {
            var settings = new RunSettings { TileSize = t, Sigma = sigma };
            TiledRunner.Run(model, input, settings);
            var clock = Stopwatch.StartNew();
            TiledRunner.Run(model, input, settings);
            return clock.Elapsed.TotalSeconds;
        }

        int whole = Math.Max(input.Width, input.Height);
        whole += (model.Card.MultipleOf - (whole % model.Card.MultipleOf)) % model.Card.MultipleOf;
        double tiled = Time(tile), single = Time(whole);
        console.Output.WriteLine($"tiling overhead ({input.Width}×{input.Height}): tile {tile} {tiled:F2} s vs whole image {single:F2} s = {100 * ((tiled / single) - 1):+0;-0} %");
    }

    // The large run happens in a child process so its peak RSS is its own, not this process's history.
    private static int RunProbe(CliConsole console, string path, double mp, int tile)
    {
        var self = Environment.ProcessPath ?? throw new CliException("cannot find the aepaint executable to start the memory probe");
        var psi = new ProcessStartInfo(self) { RedirectStandardOutput = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            psi.ArgumentList.Add(typeof(BenchCommand).Assembly.Location);
        }

        foreach (var a in new[] { "bench", "-m", path, "--memory-probe", mp.ToString(CultureInfo.InvariantCulture), "--tile", tile.ToString(CultureInfo.InvariantCulture) })
        {
            psi.ArgumentList.Add(a);
        }

        using var child = Process.Start(psi)!;
        var text = child.StandardOutput.ReadToEnd();
        child.WaitForExit();
        console.Output.Write(text);
        return child.ExitCode;
    }

    private static int MemoryProbe(CliConsole console, string path, double mp, int tile)
    {
        using var model = ModelSession.Open(path, ExecutionDevice.Cpu);
        var input = Synthetic(mp);
        long afterInput = PeakRssBytes();
        var clock = Stopwatch.StartNew();
        var settings = new RunSettings { TileSize = tile, Sigma = model.Card.NoiseMap is null ? null : 25f };
        var (output, report) = TiledRunner.Run(model, input, settings);
        GC.KeepAlive(output);
        console.Output.WriteLine($"large image: {input.Width}×{input.Height} ({input.PixelCount / 1e6:F0} MP) tile {report.TileSize}: {clock.Elapsed.TotalSeconds:F1} s, {input.PixelCount / 1e6 / clock.Elapsed.TotalSeconds:F3} MP/s");
        console.Output.WriteLine($"peak RSS: {PeakRssBytes() / 1e9:F2} GB (input + output buffers alone: {(input.Data.LongLength + output.Data.LongLength) / 1e9:F2} GB; peak before the run: {afterInput / 1e9:F2} GB)");
        return 0;
    }

    private static Bgra8Image Synthetic(double mp)
    {
        int side = (int)Math.Sqrt(mp * 1e6);
        var img = new Bgra8Image(side, side);
        var rng = new Random(1);
        var d = img.Data;
        for (long i = 0; i < d.LongLength; i += 4)
        {
            long p = i / 4;
            int x = (int)(p % side), y = (int)(p / side);
            d[i] = (byte)Math.Clamp((x * 255 / side) + rng.Next(-20, 21), 0, 255);
            d[i + 1] = (byte)Math.Clamp((y * 255 / side) + rng.Next(-20, 21), 0, 255);
            d[i + 2] = (byte)Math.Clamp(128 + rng.Next(-20, 21), 0, 255);
            d[i + 3] = 255;
        }

        return img;
    }

    /// <summary>Peak resident set (VmHWM) on Linux; the process's peak working set elsewhere.</summary>
    private static long PeakRssBytes()
    {
        if (File.Exists("/proc/self/status"))
        {
            var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            if (line != null)
            {
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
            }
        }

        using var p = Process.GetCurrentProcess();
        return p.PeakWorkingSet64;
    }
}
