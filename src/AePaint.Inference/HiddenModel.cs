namespace AePaint.Inference;

/// <summary>
/// A model no name reaches: an earlier models folder holds one of the same file name, and the first found wins
/// (<see cref="ModelCatalog"/>) — e.g. a model you trained as sr-x2-fast before a version shipped one of that name.
/// </summary>
public sealed record HiddenModel(string Path, string FoundFirst)
{
    /// <summary>The one sentence every host prints for it.</summary>
    public string Describe() =>
        $"your model {Path} is not used: {FoundFirst} has the same file name and is found first; rename yours (the .onnx and its .json) to use it";
}
