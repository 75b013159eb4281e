namespace AePaint.Inference;

/// <summary>A model file or its card cannot be used; the message names the file and the reason.</summary>
public sealed class ModelLoadException : Exception
{
    public ModelLoadException(string path, string problem, Exception? inner = null)
        : base($"{path}: {problem}", inner)
    {
        ModelPath = path;
        Problem = problem;
    }

    public string ModelPath { get; }

    public string Problem { get; }
}
