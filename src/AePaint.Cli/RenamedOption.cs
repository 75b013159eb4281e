using System.CommandLine;
using System.CommandLine.Invocation;

namespace AePaint.Cli;

/// <summary>
/// An option spelling retired by a rename: still parsed but hidden from help, so that using it stops the command with
/// one line naming the new spelling (exit 1) instead of the parser's generic error and a page of help.
/// </summary>
internal static class RenamedOption
{
    /// <summary>
    /// The one line for an old `--sigma` that gave the noise added to clean images: `--sigma` now means the σ told to
    /// the model.
    /// </summary>
    public static string SigmaNowTold(string value) =>
        $"--sigma {value} now means the σ told to the model; for noise added to clean images use --add-noise {value}";

    /// <summary>Adds the hidden <paramref name="oldName"/> to <paramref name="command"/>; its use fails with <paramref name="message"/>(its value).</summary>
    public static void Add(Command command, string oldName, Func<string, string> message)
    {
        var option = new Option<string?>(oldName) { Hidden = true, Arity = ArgumentArity.ZeroOrOne };
        option.Action = new Refusal(option, message);
        command.Options.Add(option);
    }

    private sealed class Refusal(Option<string?> option, Func<string, string> message) : SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parseResult) =>
            throw new CliException(message(parseResult.GetValue(option) ?? string.Empty));
    }
}
