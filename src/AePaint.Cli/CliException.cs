namespace AePaint.Cli;

/// <summary>A usage or input problem reported as one line and a non-zero exit.</summary>
internal sealed class CliException(string message) : Exception(message);
