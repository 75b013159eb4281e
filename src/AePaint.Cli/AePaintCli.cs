using System.CommandLine;
using AePaint.Cli.Commands;
using AePaint.Evaluation;
using AePaint.ImageFiles;
using AePaint.Inference;

namespace AePaint.Cli;

/// <summary>The `aepaint` command line: builds the commands and turns every known failure into one line + exit 1.</summary>
public static class AePaintCli
{
    public static RootCommand Build()
    {
        var root = new RootCommand("""
            AePaint: AI photo restoration (denoise, super-resolution) with ONNX models.

            Examples:
              aepaint denoise photo.jpg                     → photo_denoised.jpg, noise level estimated
              aepaint denoise -i shots/ -o clean/ --sigma 25 --strength 0.8
              aepaint upscale -s 4 small.png -o big.png
              aepaint upscale -s 2 scans/ --resume          → scans_x2/, skipping finished files
              aepaint models                                lists installed models and their cards
              aepaint models install mine.onnx              a trained model → the per-user folder the plugin reads
              aepaint bench                                 CPU throughput and memory figures
              aepaint demo                                  the shipped models on the bundled sample, with PSNR
            """);
        root.Subcommands.Add(RestoreCommand.Denoise());
        root.Subcommands.Add(RestoreCommand.Upscale());
        root.Subcommands.Add(ModelsCommand.Create());
        root.Subcommands.Add(BenchCommand.Create());
        root.Subcommands.Add(DemoCommand.Create());
        EvalCommand.Register(root);
        return root;
    }

    public static async Task<int> RunAsync(string[] args, TextWriter? output = null, TextWriter? error = null, CancellationToken cancel = default)
    {
        var config = new InvocationConfiguration
        {
            Output = output ?? Console.Out,
            Error = error ?? Console.Error,
            EnableDefaultExceptionHandler = false,
        };
        try
        {
            return await Build().Parse(args).InvokeAsync(config, cancel).ConfigureAwait(false);
        }
        catch (Exception e) when (Describe(e) is { } message)
        {
            await config.Error.WriteLineAsync("aepaint: error: " + message).ConfigureAwait(false);
            return e is OperationCanceledException ? 130 : 1;
        }
    }

    private static string? Describe(Exception e) => e switch
    {
        CliException or EvaluationException or ImageFileException or ModelLoadException => e.Message,
        ArgumentException => e.Message,
        OperationCanceledException => "cancelled; no partial output was written",
        _ when OutOfMemory.IsOutOfMemory(e) => "out of memory even at the smallest tile size; try a smaller image or --device cpu",
        UnauthorizedAccessException or IOException => e.Message,
        _ => null,
    };
}
