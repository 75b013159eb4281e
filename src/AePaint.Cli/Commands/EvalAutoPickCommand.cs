using System.CommandLine;
using System.Globalization;
using AePaint.Evaluation.AutoChoice;
using AePaint.Evaluation.Reports;

namespace AePaint.Cli.Commands;

/// <summary>`aepaint eval autopick`: the hit rate of the Auto model choice (<see cref="AutoPickEvaluation"/>).</summary>
internal static class EvalAutoPickCommand
{
    public static Command Create()
    {
        var set = new Option<string>("--set") { Description = "Folder with one subfolder of photos per domain (photos not used in training)", Required = true };
        var models = new Option<string[]>("--model", "-m", "-n") { Description = "Candidate models (names or .onnx); repeat; all denoise, or all SR of one scale", Required = true };
        var embedder = new Option<string?>("--embedder") { Description = "Embedder model (default: the installed one)" };
        var modelsDir = new Option<string?>("--models-dir") { Description = "Look for models and the embedder only in this folder" };
        var addNoise = new Option<double>("--add-noise") { Description = "AWGN σ (0..255 units) added to the photos for denoise models (which are told it)", DefaultValueFactory = _ => 25 };
        var maxSide = new Option<int>("--max-side") { Description = "Centre-crop larger photos to this size (every model runs on every photo)", DefaultValueFactory = _ => 512 };
        var limit = new Option<int?>("--limit") { Description = "Photos per domain at most (first by name)" };
        var tile = new Option<int?>("--tile", "-t") { Description = "Model window in pixels" };
        var output = new Option<string?>("--output", "-o") { Description = "Also write NAME.md and NAME.json" };
        var cmd = new Command("autopick", """
            How often `-m auto` chooses the model that scores best: every candidate restores every photo (degraded
            here: AWGN σ for denoise, bicubic ÷s for SR), PSNR names the best, Auto picks from the degraded photo.

            Example:
              aepaint eval autopick --set ../shared/data/autopick -m denoise-fast -m birds -m night -o autopick
            """) { set, models, embedder, modelsDir, addNoise, maxSide, limit, tile, output };
        RenamedOption.Add(cmd, "--sigma", RenamedOption.SigmaNowTold);
        cmd.SetAction((pr, ct) =>
        {
            var console = CliConsole.For(pr);
            if (pr.GetValue(addNoise) is not (> 0 and <= 255) || pr.GetValue(maxSide) < 16 || pr.GetValue(limit) is < 1)
            {
                throw new CliException("eval autopick: --add-noise must be in (0, 255], --max-side at least 16, --limit positive");
            }

            var report = AutoPickEvaluation.Run(
                new AutoPickSettings
                {
                    SetDir = pr.GetValue(set)!,
                    Models = pr.GetValue(models)!,
                    Embedder = pr.GetValue(embedder),
                    ModelsDir = pr.GetValue(modelsDir),
                    AddNoise = pr.GetValue(addNoise),
                    MaxSide = pr.GetValue(maxSide),
                    Limit = pr.GetValue(limit),
                    Tile = pr.GetValue(tile),
                    Command = EvalCommand.CommandLine(pr),
                    Log = console.Error.WriteLine,
                },
                ct);
            var markdown = AutoPickEvaluation.ToMarkdown(report);
            if (pr.GetValue(output) is { } o)
            {
                var (md, json) = EvalReportWriter.WritePair(o, markdown, AutoPickEvaluation.ToJson(report));
                console.Error.WriteLine($"eval: wrote {md} and {json}");
            }

            console.Output.Write(markdown);
            console.Output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"hit rate {report.HitRate:P1} over {report.Images} images"));
            return Task.FromResult(0);
        });
        return cmd;
    }
}
