namespace AePaint.ImageFiles;

/// <summary>An image file could not be read or written; the message names the file and the problem.</summary>
public sealed class ImageFileException : Exception
{
    public ImageFileException(string path, string problem, Exception? inner = null)
        : base($"{path}: {problem}", inner)
    {
        FilePath = path;
        Problem = problem;
    }

    public string FilePath { get; }

    public string Problem { get; }
}
