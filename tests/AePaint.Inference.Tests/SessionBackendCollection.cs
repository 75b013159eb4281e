namespace AePaint.Inference.Tests;

/// <summary>Tests that replace the process's <see cref="SessionBackend"/> run alone, after the others.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SessionBackendCollection
{
    public const string Name = "session backend";
}
