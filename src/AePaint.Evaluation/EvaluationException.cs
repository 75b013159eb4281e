namespace AePaint.Evaluation;

/// <summary>A problem with the evaluation's input (a set, a model, a value) reported to the user as one line.</summary>
public sealed class EvaluationException(string message) : Exception(message);
