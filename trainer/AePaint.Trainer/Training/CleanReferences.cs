using AePaint.ImageFiles;
using AePaint.Trainer.Data;

namespace AePaint.Trainer.Training;

/// <summary>
/// Clean originals of noisy held-out photos, found by file name under one folder: used only to report validation
/// PSNR of a noisy-only run (training never reads them). A missing or differently sized original is skipped with a
/// warning; that crop then counts only in the self-supervised loss.
/// </summary>
internal sealed class CleanReferences
{
    private readonly Dictionary<string, string> _byName;
    private readonly TextWriter _log;

    public CleanReferences(string folder, TextWriter log)
    {
        if (!Directory.Exists(folder))
        {
            throw new TrainerException($"cleanReference: folder {folder} not found");
        }

        _log = log;
        _byName = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var path in PhotoFolderScan.FindPhotos(folder))
        {
            _byName.TryAdd(Path.GetFileName(path), path);
        }
    }

    /// <summary>The same crop of the clean original (3 planes in [0, 1]), or null when there is none that fits.</summary>
    public float[]? Crop(ValidationCrop noisy)
    {
        if (!_byName.TryGetValue(Path.GetFileName(noisy.Path), out var path))
        {
            _log.WriteLine($"warning: no clean reference for {noisy.Path}; its PSNR is not reported");
            return null;
        }

        RgbPhoto clean;
        try
        {
            clean = RgbPhoto.Load(path, 1);
        }
        catch (ImageFileException e)
        {
            _log.WriteLine($"warning: clean reference {path} unreadable ({e.Problem}); not used");
            return null;
        }

        int s = noisy.Size;

        // Same centre crop only if the photos have the same size (up to the centring's rounding).
        if ((clean.Width - s) / 2 != noisy.X || (clean.Height - s) / 2 != noisy.Y || clean.Width < s || clean.Height < s)
        {
            _log.WriteLine($"warning: clean reference {path} ({clean.Width}×{clean.Height}) does not match the size of {noisy.Path}; not used");
            return null;
        }

        var rgb = new float[3 * s * s];
        clean.Extract(noisy.X, noisy.Y, s, 0, rgb);
        return rgb;
    }
}
