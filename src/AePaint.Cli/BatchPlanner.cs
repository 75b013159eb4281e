using AePaint.ImageFiles;

namespace AePaint.Cli;

/// <summary>One file to process and where its result goes.</summary>
internal sealed record BatchItem(string Input, string Output);

/// <summary>
/// Turns the inputs and -o of a command into input → output pairs. Files and folders (recursive) are
/// accepted; results never replace an input; folder results keep the folder structure.
/// </summary>
internal static class BatchPlanner
{
    /// <param name="inputs">Files or folders as typed.</param>
    /// <param name="output">-o: a file (one input file only) or a folder; null = beside each input.</param>
    /// <param name="suffix">Added to file names placed beside their input, e.g. "_denoised".</param>
    /// <param name="format">Output format; null = the input's own.</param>
    public static IReadOnlyList<BatchItem> Plan(IReadOnlyList<string> inputs, string? output, string suffix, ImageFormat? format)
    {
        if (inputs.Count == 0)
        {
            throw new CliException("no input given: name one or more image files or folders (see --help)");
        }

        var items = new List<BatchItem>();
        bool singleFile = inputs.Count == 1 && File.Exists(inputs[0]);
        foreach (var raw in inputs)
        {
            var input = Path.GetFullPath(raw);
            if (File.Exists(input))
            {
                items.Add(new BatchItem(input, FileOutput(input, output, singleFile, suffix, format)));
            }
            else if (Directory.Exists(input))
            {
                var outDir = output is null
                    ? input.TrimEnd(Path.DirectorySeparatorChar) + suffix
                    : Path.GetFullPath(output);
                foreach (var file in Directory.EnumerateFiles(input, "*", SearchOption.AllDirectories).Where(ImageFile.IsSupportedInput).Order(StringComparer.Ordinal))
                {
                    var rel = Path.GetRelativePath(input, file);
                    if (Path.GetFullPath(file).StartsWith(outDir + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                    {
                        continue; // results of an earlier run inside the input folder are not inputs
                    }

                    items.Add(new BatchItem(file, WithFormat(Path.Combine(outDir, rel), file, format)));
                }
            }
            else
            {
                throw new CliException($"{raw}: no such file or folder");
            }
        }

        var inputSet = new HashSet<string>(items.Select(i => i.Input), StringComparer.Ordinal);
        foreach (var item in items)
        {
            if (inputSet.Contains(item.Output))
            {
                throw new CliException($"{item.Output}: output would overwrite an input; choose another -o");
            }
        }

        var clash = items.GroupBy(i => i.Output, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (clash != null)
        {
            throw new CliException($"{clash.Key}: several inputs would write this same output ({string.Join(", ", clash.Select(i => Path.GetFileName(i.Input)))})");
        }

        return items;
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
