namespace AePaint.Build;

/// <summary>The build step: decide whether the TorchSharp native library needs the patch, and write the patched copy.</summary>
public static class GlibcxxPatch
{
    /// <param name="source">The library as shipped in the NuGet package (never modified).</param>
    /// <param name="destination">Where the patched copy goes (written atomically: temp file + rename).</param>
    /// <param name="versions">The libstdc++ versions that may be weakened, e.g. GLIBCXX_3.4.32.</param>
    /// <param name="mode"><c>auto</c>: weaken those the system libstdc++ lacks; <c>always</c>: weaken all of them.</param>
    /// <param name="systemLibrary">The libstdc++.so.6 to compare against in auto mode; null = ask ldconfig.</param>
    public static GlibcxxPatchOutcome Apply(string source, string destination, IEnumerable<string> versions, string mode, string? systemLibrary)
    {
        var messages = new List<string>();
        var warnings = new List<string>();
        byte[] original = File.ReadAllBytes(source);
        var elf = ElfImage.Parse(original);
        var requiredFromLibStdCxx = elf.ReadVersionNeeds().Where(n => n.File == SystemLibStdCxx.Soname).ToList();
        var candidates = versions.Where(v => v.Length > 0).Distinct(StringComparer.Ordinal).ToList();

        List<string> toWeaken;
        if (string.Equals(mode, "always", StringComparison.OrdinalIgnoreCase))
        {
            toWeaken = candidates;
        }
        else if (string.Equals(mode, "auto", StringComparison.OrdinalIgnoreCase))
        {
            string? system = string.IsNullOrEmpty(systemLibrary) ? SystemLibStdCxx.Find(elf.Machine) : systemLibrary;
            if (system is null || !File.Exists(system))
            {
                warnings.Add($"No system {SystemLibStdCxx.Soname} found for ELF machine {elf.Machine}; patching {Path.GetFileName(source)} as if it lacked {string.Join(", ", candidates)}.");
                toWeaken = candidates;
            }
            else
            {
                var defined = SystemLibStdCxx.DefinedVersions(system);
                var missing = requiredFromLibStdCxx.Where(n => !n.IsWeak && !defined.Contains(n.Version)).Select(n => n.Version).ToList();
                toWeaken = candidates.Where(missing.Contains).ToList();
                messages.Add($"{system} defines {defined.Count} versions; {Path.GetFileName(source)} needs {requiredFromLibStdCxx.Count} from it, missing: {(missing.Count == 0 ? "none" : string.Join(", ", missing))}.");
                var unhandled = missing.Except(candidates).ToList();
                if (unhandled.Count > 0)
                {
                    warnings.Add($"{Path.GetFileName(source)} needs {string.Join(", ", unhandled)} from {SystemLibStdCxx.Soname}, which {system} lacks and which are not in the weakenable list: it will not load on this machine.");
                }
            }
        }
        else
        {
            throw new ArgumentException($"Unknown mode '{mode}' (expected auto, always or never).", nameof(mode));
        }

        if (toWeaken.Count == 0)
        {
            messages.Add($"{Path.GetFileName(source)}: no version requirement to weaken; using the library unchanged.");
            return new GlibcxxPatchOutcome(false, false, messages, warnings);
        }

        var result = ElfVersionWeakener.Weaken(original, SystemLibStdCxx.Soname, toWeaken);
        if (result.NotRequired.Count > 0)
        {
            messages.Add($"{Path.GetFileName(source)} does not require {string.Join(", ", result.NotRequired)}.");
        }

        if (result.Weakened.Count == 0)
        {
            // Nothing to change: the source already loads (or was already patched, e.g. source == destination).
            messages.Add($"{Path.GetFileName(source)}: nothing to weaken ({string.Join(", ", result.AlreadyWeak.Concat(result.NotRequired))}).");
            return new GlibcxxPatchOutcome(result.AlreadyWeak.Count > 0 && SamePath(source, destination), false, messages, warnings);
        }

        bool wrote = WriteIfDifferent(destination, result.Image);
        messages.Add(wrote
            ? $"{Path.GetFileName(source)}: wrote {destination} with {SystemLibStdCxx.Soname} version(s) {string.Join(", ", result.Weakened)} marked weak."
            : $"{destination} (with {string.Join(", ", result.Weakened)} marked weak) is up to date.");

        return new GlibcxxPatchOutcome(true, wrote, messages, warnings);
    }

    /// <summary>Writes <paramref name="content"/> to <paramref name="path"/> unless it already holds exactly that; atomic (temp + rename).</summary>
    public static bool WriteIfDifferent(string path, byte[] content)
    {
        if (File.Exists(path) && new FileInfo(path).Length == content.Length && File.ReadAllBytes(path).SequenceEqual(content))
        {
            return false;
        }

        string? directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        // Same directory, so the rename cannot cross file systems. Renaming over the old file also breaks any hard
        // link it had (e.g. into the NuGet cache), so the cached original is never modified.
        string temp = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        try
        {
            File.WriteAllBytes(temp, content);
            if (File.Exists(path))
            {
                File.Replace(temp, path, null);   // rename(2) on Unix: readers see the old or the new file, never a mix
            }
            else
            {
                File.Move(temp, path);
            }
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }

        return true;
    }

    private static bool SamePath(string a, string b) =>
        string.Equals(Path.GetFullPath(a), Path.GetFullPath(b), StringComparison.Ordinal);
}
