using System.CommandLine;
using System.Globalization;
using AePaint.Cli.Commands.Bench;
using AePaint.ImageFiles;
using AePaint.Inference;

namespace AePaint.Cli.Commands;

/// <summary>
/// `aepaint bench`: per model, MP/s per tile size, arithmetic rate against the machine's conv peak, tiling overhead,
/// a photo end to end (beside ffmpeg dctdnoiz for denoisers) and peak memory of a very large image; optionally
/// where the time goes (ONNX Runtime's profiler), how much tile overlap is needed, and how threads are used.
/// Speed claims come from here, never from unit tests.
/// </summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var model = new Option<string[]>("--model", "-m") { Description = "Models to measure; repeat for several (default: every shipped model found, else a synthetic 8-layer 32-channel conv net)" };
        var overheadMp = new Option<double>("--overhead-mp") { Description = "Megapixels of the tiled-vs-whole-image comparison at the default tile (0 = skip)", DefaultValueFactory = _ => 1.0 };
        var tiles = new Option<string>("--tiles") { Description = "Tile sizes to compare", DefaultValueFactory = _ => "512,768,1024,1536" };
        var mp = new Option<double>("--mp") { Description = "Megapixels of the throughput image", DefaultValueFactory = _ => 4.0 };
        var bigMp = new Option<double>("--big-mp") { Description = "Megapixels of the peak-memory run in a child process (0 = skip)", DefaultValueFactory = _ => 100.0 };
        var photoMp = new Option<double>("--photo-mp") { Description = "Megapixels of the end-to-end photo for denoisers (upscalers get a quarter: 12 → 3 MP in; 0 = skip)", DefaultValueFactory = _ => 12.0 };
        var profile = new Option<bool>("--profile") { Description = "Also print ONNX Runtime's time per op type on a 512×512 window" };
        var explainBelow = new Option<double>("--explain-below") { Description = "Profile any model whose efficiency is below this % of the conv peak and print, under its efficiency line, the op types that keep it there (0 = never)", DefaultValueFactory = _ => 60 };
        var overlaps = new Option<string?>("--overlaps") { Description = "Also compare these tile overlaps (e.g. 8,16,24,32) with a whole-image run on the sample photo" };
        var record = new Option<bool>("--record") { Description = "With --overlaps: write the smallest overlap within half a level of a whole-image run into each model's card" };
        var quick = new Option<bool>("--quick") { Description = "A few minutes: only the default tile, a 2 MP throughput image, no 100 MP memory run" };
        var threading = new Option<bool>("--threading") { Description = "Also compare thread arrangements (all cores, no spinning, one thread, one session per core)" };
        var device = new Option<ExecutionDevice>("--device", "-g") { DefaultValueFactory = _ => ExecutionDevice.Cpu };
        var memoryProbe = new Option<double>("--memory-probe") { Hidden = true, Description = "internal: run one image of N MP and print peak RSS" };
        var photoProbe = new Option<string?>("--photo-probe") { Hidden = true, Description = "internal: time one file end to end" };
        var photoOut = new Option<string?>("--photo-out") { Hidden = true };
        var tile = new Option<int>("--tile") { Hidden = true, DefaultValueFactory = _ => RunSettings.DefaultTileSize };
        var passes = EvalCommand.PassesOption();
        var cmd = new Command("bench", "Measure throughput, efficiency, tiling overhead, a photo end to end and peak memory");
        foreach (var o in new Option[] { model, quick, tiles, mp, bigMp, overheadMp, photoMp, profile, explainBelow, overlaps, record, threading, device, memoryProbe, photoProbe, photoOut, tile, passes })
        {
            cmd.Options.Add(o);
        }

        cmd.SetAction(pr =>
        {
            var console = CliConsole.For(pr);
            using var temp = new BenchModelFolder();
            var named = pr.GetValue(model) ?? [];
            var paths = named.Length > 0 ? named.Select(m => ModelCatalog.Default().Resolve(m)).ToList() : temp.DefaultModels();
            if (pr.GetValue(memoryProbe) is > 0 and var probeMp)
            {
                return MemoryProbe.Run(console, paths[0], probeMp, pr.GetValue(tile));
            }

            if (pr.GetValue(photoProbe) is { } photo)
            {
                return PhotoBench.Probe(console, paths[0], photo, pr.GetValue(photoOut) ?? throw new CliException("--photo-probe needs --photo-out"), pr.GetValue(tile));
            }

            bool isQuick = pr.GetValue(quick);
            var sizes = isQuick ? [RunSettings.DefaultTileSize] : Numbers(pr.GetValue(tiles)!, "--tiles");
            var overlapList = pr.GetValue(overlaps) is { } ol ? Numbers(ol, "--overlaps") : null;
            if (pr.GetValue(record) && overlapList is null)
            {
                throw new CliException("--record goes with --overlaps (it records the overlap that sweep finds)");
            }

            double peak = ConvPeakProbe.Measure(console, temp.PeakConvModel(), pr.GetValue(device));
            for (int i = 0; i < paths.Count; i++)
            {
                using var session = ModelSession.Open(paths[i], pr.GetValue(device));
                var path = paths[i];
                OpProfileReport? profiled = null;
                double below = pr.GetValue(explainBelow);
                ThroughputBench.Run(console, session, sizes, isQuick ? Math.Min(2, pr.GetValue(mp)) : pr.GetValue(mp), pr.GetValue(overheadMp), peak, pr.GetValue(passes), efficiency =>
                {
                    // The profiler runs on the CPU whatever --device says: it explains the CPU path only.
                    if (100 * efficiency < below && session.OnCpu)
                    {
                        profiled = OpProfileReport.Measure(path);
                        profiled.PrintShortfall(console, peak, below);
                    }
                });
                if (pr.GetValue(profile))
                {
                    (profiled ?? OpProfileReport.Measure(path)).PrintTable(console, peak);
                }

                if (overlapList != null)
                {
                    var sample = ImageFile.Load(DemoCommand.FindSample()).MirroredTo(1024, 1024);
                    if (OverlapSweep.Run(console, session, sample, RunSettings.DefaultTileSize, overlapList) is { } chosen && pr.GetValue(record))
                    {
                        OverlapSweep.Record(console, paths[i], chosen);
                    }
                }

                if (pr.GetValue(threading))
                {
                    ThreadingProbe.Run(console, paths[i], 512, 8);
                }

                if (pr.GetValue(photoMp) is > 0 and var pmp)
                {
                    int code = PhotoBench.Run(console, session, session.Card.Scale == 1 ? pmp : pmp / 4, RunSettings.DefaultTileSize);
                    if (code != 0)
                    {
                        return code;
                    }
                }

                // The 100 MP memory run is minutes long: once, for the first model.
                if (i == 0 && !isQuick && pr.GetValue(bigMp) is > 0 and var big)
                {
                    int code = MemoryProbe.RunChild(console, paths[i], big, RunSettings.DefaultTileSize);
                    if (code != 0)
                    {
                        return code;
                    }
                }
            }

            return 0;
        });
        return cmd;
    }

    private static int[] Numbers(string list, string option)
    {
        try
        {
            return list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(t => int.Parse(t, CultureInfo.InvariantCulture)).ToArray();
        }
        catch (FormatException)
        {
            throw new CliException($"{option} {list}: give whole numbers separated by commas");
        }
    }
}
