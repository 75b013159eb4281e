namespace AePaint.Inference;

/// <summary>An install that cannot go ahead; the message says why and what to do.</summary>
public sealed class ModelInstallException(string message) : Exception(message);
