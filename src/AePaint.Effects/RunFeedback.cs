using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using AePaint.Imaging;
using AePaint.Imaging.Png;

namespace AePaint.Effects;

/// <summary>
/// Decides what the user is told and given after a run: each run is reported once (<see cref="Claim"/>), the same
/// notice (GPU fallback) once per process, the clipboard copy once per computed result (setting the same token
/// again reuses the run, so it is not copied twice), and the PNG once per distinct result (preview re-renders do
/// not pile up files). A host keeps one instance for its lifetime.
/// </summary>
public sealed class RunFeedback(string pngFolder)
{
    private readonly ConditionalWeakTable<EffectRun, object> _claimed = new();
    private readonly HashSet<string> _notices = [];
    private readonly Dictionary<string, string> _lastAuto = [];

    /// <summary>Where "save as PNG" (and the fallback when the clipboard fails) writes.</summary>
    public string PngFolder { get; } = pngFolder;

    /// <summary>Pictures\AePaint, else a temp folder (no Pictures folder, e.g. a service account).</summary>
    public static string DefaultPngFolder()
    {
        var pictures = Environment.GetFolderPath(Environment.SpecialFolder.MyPictures);
        return Path.Combine(string.IsNullOrEmpty(pictures) ? Path.GetTempPath() : pictures, "AePaint");
    }

    /// <summary>True for the first caller per run (render tiles run on several threads): that one reports.</summary>
    public bool Claim(EffectRun run) => _claimed.TryAdd(run, run);

    /// <summary>
    /// After a computed run: the fallback notice (once per process), the clipboard copy and the PNG. Throws an
    /// <see cref="EffectException"/> when something failed and the host could not show it.
    /// </summary>
    public void Deliver(EffectRun run, IEffectHost host)
    {
        if (run.Notice is { } notice && Remember(notice))
        {
            try
            {
                host.ShowNotice(notice, run.NoticeDetails);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // The result is fine; a notice the host cannot show is not worth failing the effect for.
            }
        }

        if (run.AutoChoice is { } auto && AutoChanged(run, auto.Card.Name))
        {
            var (message, details) = AutoModel.Describe(auto);
            try
            {
                host.ShowNotice(message, details);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // As above: the result is fine without the notice.
            }
        }

        if (run.FullSizeResult is { } full)
        {
            ToClipboard(full, run.Scale, run.Settings is SuperResolutionSettings { SavePng: true }, host);
        }
    }

    /// <summary>The file name for a result: its size and a hash of its pixels, so the same result is one file.</summary>
    public static string PngName(Bgra8Image image, int scale)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(image.Data))[..10];
        return $"aepaint-x{scale}-{image.Width}x{image.Height}-{hash}.png";
    }

    /// <summary>Writes the PNG unless that result is already saved; returns its path.</summary>
    public string SavePng(Bgra8Image image, int scale)
    {
        Directory.CreateDirectory(PngFolder);
        var path = Path.Combine(PngFolder, PngName(image, scale));
        if (!File.Exists(path))
        {
            // Temp file then rename: a reader never sees half a PNG.
            var temp = path + ".tmp";
            File.WriteAllBytes(temp, PngCodec.Encode(image));
            File.Move(temp, path, overwrite: true);
        }

        return path;
    }

    private void ToClipboard(Bgra8Image full, int scale, bool savePng, IEffectHost host)
    {
        string? clipboardProblem = null;
        try
        {
            host.SetClipboardImage(full);
        }
        catch (Exception e)
        {
            clipboardProblem = e.Message;
        }

        if (!savePng && clipboardProblem is null)
        {
            return;
        }

        string? saved = null, saveProblem = null;
        try
        {
            saved = SavePng(full, scale); // asked for, or the only way left to keep the result
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            saveProblem = e.Message;
        }

        var size = $"{full.Width}×{full.Height}";
        var message = (clipboardProblem, saveProblem) switch
        {
            (null, null) => null,
            (null, { } s) => $"The {size} result is on the clipboard (Edit › Paste into New Image), but it could not be saved as PNG in {PngFolder}: {s}",
            ({ } c, null) => $"The {size} result could not be put on the clipboard ({c}). It was saved instead as {saved}; open it with File › Open.",
            ({ } c, { } s) => $"The {size} result could not be put on the clipboard ({c}) nor saved as PNG in {PngFolder} ({s}). Choose \"Into the canvas\" after enlarging the canvas instead.",
        };
        if (message is null)
        {
            return;
        }

        var error = new EffectException(message);
        try
        {
            host.ShowError(error);
        }
        catch (Exception e) when (e is not EffectException)
        {
            throw error; // let the host's own error handling show it: never a silent failure
        }
    }

    /// <summary>Auto's choice is told when it differs from the last one told for that effect (preview re-renders repeat it).</summary>
    private bool AutoChanged(EffectRun run, string model)
    {
        var key = run.Task + (run.Settings is SuperResolutionSettings s ? s.ModelPath : string.Empty);
        lock (_notices)
        {
            if (_lastAuto.TryGetValue(key, out var last) && last == model)
            {
                return false;
            }

            _lastAuto[key] = model;
            return true;
        }
    }

    private bool Remember(string notice)
    {
        lock (_notices)
        {
            return _notices.Add(notice);
        }
    }
}
