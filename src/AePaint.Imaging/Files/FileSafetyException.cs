namespace AePaint.Imaging.Files;

/// <summary>A file operation refused because it would touch something it must not; the message names the path.</summary>
public sealed class FileSafetyException(string path, string problem) : IOException($"{path}: {problem}")
{
    public string Path { get; } = path;
}
