using AePaint.ImageFiles;
using AePaint.Imaging.Files;

namespace AePaint.Cli;

/// <summary>
/// Turns the inputs and -o of a command into input → output pairs. Files and folders (recursive, links followed,
/// each real file once) are accepted; results never replace an input or an existing file unless asked
/// (<see cref="OutputPolicy"/>); folder results keep the folder structure.
/// </summary>
internal static class BatchPlanner
{
    /// <param name="inputs">Files or folders as typed.</param>
    /// <param name="output">-o: a file (one input file only) or a folder; null = beside each input.</param>
    /// <param name="suffix">Added to file names placed beside their input, e.g. "_denoised".</param>
    /// <param name="format">Output format; null = the input's own.</param>
    /// <param name="existing">What may happen to outputs that already exist (see <see cref="ExistingOutputs"/>).</param>
    public static IReadOnlyList<BatchItem> Plan(IReadOnlyList<string> inputs, string? output, string suffix, ImageFormat? format, ExistingOutputs existing = ExistingOutputs.Refuse)
    {
        if (inputs.Count == 0)
        {
            throw new CliException("no input given: name one or more image files or folders (see --help)");
        }

        var items = new List<BatchItem>();
        var inputIds = new HashSet<FileIdentity>();
        bool singleFile = inputs.Count == 1 && File.Exists(inputs[0]);
        foreach (var raw in inputs)
        {
            var input = Path.GetFullPath(raw);
            if (File.Exists(input))
            {
                Add(items, inputIds, input, FileOutput(input, output, singleFile, suffix, format));
            }
            else if (Directory.Exists(input))
            {
                var outDir = output is null
                    ? input.TrimEnd(Path.DirectorySeparatorChar) + suffix
                    : Path.GetFullPath(output);
                OutputPolicy.CheckFolder(raw, outDir);
                foreach (var file in DirectoryWalk.Files(input, ImageFile.IsSupportedInput))
                {
                    Add(items, inputIds, file, WithFormat(Path.Combine(outDir, Path.GetRelativePath(input, file)), file, format));
                }
            }
            else
            {
                throw new CliException($"{raw}: no such file or folder");
            }
        }

        var clash = items.GroupBy(i => i.Output, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (clash != null)
        {
            throw new CliException($"{clash.Key}: several inputs would write this same output ({string.Join(", ", clash.Select(i => Path.GetFileName(i.Input)))})");
        }

        CheckTargets(items, inputIds, existing);
        return items;
    }

    /// <summary>An input reached twice (a link beside its target, a file named twice) is processed once.</summary>
    private static void Add(List<BatchItem> items, HashSet<FileIdentity> inputIds, string input, string output)
    {
        if (FileIdentity.Of(input) is not { } id || !inputIds.Add(id))
        {
            return;
        }

        items.Add(new BatchItem(input, output));
    }

    /// <summary>All refusals before any work: one line naming the first file and how many more.</summary>
    private static void CheckTargets(List<BatchItem> items, HashSet<FileIdentity> inputIds, ExistingOutputs existing)
    {
        var problems = new List<string>();
        foreach (var item in items)
        {
            try
            {
                OutputPolicy.CheckTarget(item.Output, inputIds, existing != ExistingOutputs.Refuse, "--overwrite (or --resume to skip it)");
            }
            catch (FileSafetyException e)
            {
                problems.Add(e.Message);
            }
        }

        if (problems.Count > 0)
        {
            throw new CliException(problems[0] + (problems.Count > 1 ? $" (and {problems.Count - 1} more outputs like it); nothing was written" : "; nothing was written"));
        }
    }

    private static string FileOutput(string input, string? output, bool singleFile, string suffix, ImageFormat? format)
    {
        if (output is null)
        {
            var dir = Path.GetDirectoryName(input)!;
            return WithFormat(Path.Combine(dir, Path.GetFileNameWithoutExtension(input) + suffix + Path.GetExtension(input)), input, format);
        }

        var full = Path.GetFullPath(output);
        bool looksLikeFolder = Directory.Exists(full) || output.EndsWith('/') || output.EndsWith(Path.DirectorySeparatorChar) || !singleFile;
        if (looksLikeFolder)
        {
            return WithFormat(Path.Combine(full, Path.GetFileName(input)), input, format);
        }

        var explicitFormat = ImageFile.FormatFromExtension(full)
            ?? throw new CliException($"{output}: unknown output format '{Path.GetExtension(output)}' (use .png, .jpg or .webp)");
        var parent = Path.GetDirectoryName(full)!;
        if (!Directory.Exists(parent))
        {
            throw new CliException($"{output}: the folder {parent} does not exist");
        }

        if (format is { } f && f != explicitFormat)
        {
            throw new CliException($"{output}: the file extension disagrees with --format {f}");
        }

        return full;
    }

    // Without --format a result keeps its input's extension as typed (.jpeg stays .jpeg).
    private static string WithFormat(string path, string input, ImageFormat? format) =>
        format is { } f ? Path.ChangeExtension(path, ImageFile.ExtensionFor(f)) : path;
}
