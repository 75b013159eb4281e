namespace AePaint.Cli;

/// <summary>One file to process and where its result goes.</summary>
internal sealed record BatchItem(string Input, string Output);
