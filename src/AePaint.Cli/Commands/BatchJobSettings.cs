using AePaint.ImageFiles;
using AePaint.Inference;

namespace AePaint.Cli.Commands;

/// <summary>How every batch of an auto run is processed (as for a named model).</summary>
internal sealed record BatchJobSettings(RunSettings Run, SaveOptions Save, bool Resume, ExecutionDevice Device, bool Verbose = false);
