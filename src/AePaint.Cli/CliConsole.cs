using System.CommandLine;
using Spectre.Console;

namespace AePaint.Cli;

/// <summary>The output streams of one invocation: plain writers plus a Spectre console for progress bars.</summary>
internal sealed class CliConsole
{
    private CliConsole(TextWriter output, TextWriter error)
    {
        Output = output;
        Error = error;
        bool interactive = ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected;
        Ansi = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Interactive = interactive ? InteractionSupport.Yes : InteractionSupport.No,
            Ansi = interactive ? AnsiSupport.Detect : AnsiSupport.No,
        });
    }

    public TextWriter Output { get; }

    public TextWriter Error { get; }

    public IAnsiConsole Ansi { get; }

    /// <summary>Progress bars only where a person watches a terminal; logs and tests get plain lines.</summary>
    public bool ShowProgress => Ansi.Profile.Capabilities.Interactive;

    public static CliConsole For(ParseResult pr) =>
        new(pr.InvocationConfiguration.Output, pr.InvocationConfiguration.Error);
}
