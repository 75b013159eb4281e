namespace AePaint.Installer.Installing;

/// <summary>What `verify` found: problems make it fail; notes are for information.</summary>
public sealed record VerifyReport(IReadOnlyList<string> Problems, IReadOnlyList<string> Notes)
{
    public bool Ok => Problems.Count == 0;
}
