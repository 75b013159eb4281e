using System.CommandLine;

namespace AePaint.Cli;

/// <summary>
/// An option's old spelling, kept hidden on the command that had it so that using it fails with one line naming the
/// new spelling (issue 20: `--sigma` is only the σ told to a model; other meanings have their own names).
/// </summary>
internal sealed class RenamedOption(string oldName, string newName, string oldNowMeans, string newMeans)
{
    public Option<string?> Option { get; } = new(oldName) { Hidden = true, Description = $"renamed: {newName}" };

    /// <summary>Throws the one-line error when the command line used the old spelling (call first in the action).</summary>
    public void Refuse(ParseResult pr)
    {
        if (pr.GetResult(Option) is not null)
        {
            var value = pr.GetValue(Option) is { } v ? " " + v : string.Empty;
            throw new CliException($"{oldName}{value} now means {oldNowMeans}; for {newMeans} use {newName}{value}");
        }
    }
}
