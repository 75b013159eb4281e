using System.CommandLine;
using AePaint.Evaluation.Protocols;
using AePaint.Evaluation.Reports;
using AePaint.Inference;

namespace AePaint.Cli.Commands;

/// <summary>
/// The options every `aepaint eval denoise|sr|real` shares: parsed and checked into <see cref="EvalSettings"/>, and
/// the report printed, written (-o) and recorded into cards (--record) the same way for each.
/// </summary>
internal sealed record EvalOptions(
    Option<string> Set,
    Option<string[]> Models,
    Option<string?> Output,
    Option<int?> Tile,
    Option<ExecutionDevice> Device,
    Option<bool> NoSsim,
    Option<int?> Limit,
    Option<string>? Peers,
    Option<bool> Record,
    Option<int> Passes)
{
    /// <summary>Creates the shared options (with --peers when the task has peers) and adds them to <paramref name="cmd"/>.</summary>
    public static EvalOptions AddTo(Command cmd, bool withPeers)
    {
        var record = new Option<bool>("--record") { Description = "Also write each model's mean PSNR/SSIM into its card (embedded + sidecar), replacing earlier figures of the same set and condition" };
        var set = new Option<string>("--set") { Description = "Folder of evaluation images (not recursive)", Required = true };
        var options = new EvalOptions(set, EvalCommand.ModelOption(), EvalCommand.OutputOption(), EvalCommand.TileOption(), EvalCommand.DeviceOption(), EvalCommand.NoSsimOption(), EvalCommand.LimitOption(), withPeers ? EvalCommand.PeersOption() : null, record, EvalCommand.PassesOption());
        foreach (var o in new Option?[] { options.Set, options.Models, options.Output, options.Tile, options.Device, options.NoSsim, options.Limit, options.Peers, options.Record, options.Passes })
        {
            if (o is not null)
            {
                cmd.Options.Add(o);
            }
        }

        return options;
    }

    public EvalSettings Settings(ParseResult pr)
    {
        if (pr.GetValue(Limit) is < 1)
        {
            throw new CliException($"--limit {pr.GetValue(Limit)}: use a positive number of images");
        }

        if (pr.GetValue(Record) && pr.GetValue(Limit) is not null)
        {
            throw new CliException("--record: not with --limit (a subset's means are not the set's figures)");
        }

        if (pr.GetValue(Tile) is < 8 or > 8192)
        {
            throw new CliException($"--tile {pr.GetValue(Tile)}: use 8..8192");
        }

        int passes = pr.GetValue(Passes);
        if (pr.GetValue(Record) && passes != 1)
        {
            throw new CliException("--record: not with --passes (a card's figures are for the model run once)");
        }

        return new EvalSettings
        {
            SetDir = pr.GetValue(Set)!,
            Models = pr.GetValue(Models) ?? [],
            Tile = pr.GetValue(Tile),
            Passes = passes,
            Device = pr.GetValue(Device),
            Ssim = !pr.GetValue(NoSsim),
            Limit = pr.GetValue(Limit),
            Peers = Peers is null ? "none" : pr.GetValue(Peers)!,
            Command = EvalCommand.CommandLine(pr),
            Log = CliConsole.For(pr).Error.WriteLine,
        };
    }

    /// <summary>Prints the report's Markdown; with -o also writes NAME.md + NAME.json, with --record the models' cards.</summary>
    public int Finish(ParseResult pr, EvalReport report)
    {
        var console = CliConsole.For(pr);
        var markdown = EvalReportWriter.ToMarkdown(report);
        if (pr.GetValue(Output) is { } o)
        {
            var (md, json) = EvalReportWriter.Write(report, o);
            console.Error.WriteLine($"eval: wrote {md} and {json}");
        }

        if (pr.GetValue(Record))
        {
            foreach (var line in CardMetrics.Record(report, pr.GetValue(Models) ?? []))
            {
                console.Error.WriteLine($"eval: recorded in the card of {line}");
            }
        }

        console.Output.Write(markdown);
        return 0;
    }
}
