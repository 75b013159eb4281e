namespace AePaint.Imaging.Files;

/// <summary>
/// The one rule for where a command may write: never into (or over) its own inputs, judged by file identity rather
/// than by spelling, and never over a file this run did not create unless the user passed an explicit option.
/// </summary>
public static class OutputPolicy
{
    /// <summary>Refuses an output folder that is an input folder, lies inside one, or reaches one through a link.</summary>
    public static void CheckFolder(string inputFolder, string outputFolder)
    {
        if (FileIdentity.Of(inputFolder) is { Kind: FileKind.Directory } input && FileIdentity.IsAtOrBelow(outputFolder, input))
        {
            throw new FileSafetyException(outputFolder, $"the output folder is the input folder {inputFolder} or inside it; choose an output folder elsewhere");
        }
    }

    /// <summary>
    /// Refuses writing <paramref name="output"/> when it is one of <paramref name="inputs"/> (always), is a folder or device
    /// (always), or already exists and <paramref name="overwrite"/> is false; <paramref name="overwriteOption"/> names the
    /// option that allows replacing.
    /// </summary>
    public static void CheckTarget(string output, IReadOnlySet<FileIdentity> inputs, bool overwrite, string overwriteOption)
    {
        if (FileIdentity.Of(output) is not { } existing)
        {
            if (new FileInfo(output).LinkTarget != null)
            {
                throw new FileSafetyException(output, "is a dangling link; remove it or choose another output");
            }

            return;
        }

        if (inputs.Contains(existing))
        {
            throw new FileSafetyException(output, "would overwrite an input of this run; choose another output");
        }

        if (existing.Kind != FileKind.Regular)
        {
            throw new FileSafetyException(output, "exists and is not a regular file; choose another output");
        }

        if (!overwrite)
        {
            throw new FileSafetyException(output, $"already exists; pass {overwriteOption} to replace it");
        }
    }

    /// <summary>
    /// Refuses to start a run in <paramref name="folder"/> when it already holds files, unless <paramref name="resume"/>:
    /// a rerun would mix its files with (and replace) the earlier run's. <paramref name="hint"/> says what to do instead.
    /// </summary>
    public static void CheckFreshFolder(string folder, bool resume, string hint)
    {
        if (!resume && Directory.Exists(folder) && Directory.EnumerateFileSystemEntries(folder).Any())
        {
            throw new FileSafetyException(folder, $"already exists and is not empty; {hint}");
        }
    }
}
