using AePaint.Cli;

namespace AePaint.Cli.Tests;

/// <summary>Runs `aepaint` in-process with captured output.</summary>
internal static class CliRunner
{
    public static (int Exit, string Out, string Err) Run(params string[] args)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        int exit = AePaintCli.RunAsync(args, o, e).GetAwaiter().GetResult();
        return (exit, o.ToString(), e.ToString());
    }
}
