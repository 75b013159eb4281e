using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using AePaint.ImageFiles;
using AePaint.Imaging;

namespace AePaint.Evaluation.Peers;

/// <summary>
/// A classical denoiser from a Debian package, run as an external program on temp PNG files: the 8-bit noisy
/// image is written as PNG, the program writes an 8-bit RGB PNG, which is read back. Its time is the process's
/// wall time, PNG encode/decode and start-up included.
/// </summary>
public sealed partial class ExternalDenoiser : DenoisePeer
{
    private ExternalDenoiser(string id, string name, string program, Func<double, string, string, string[]> arguments, string settings)
        : base(id, name, settings)
    {
        Program = program;
        _arguments = arguments;
    }

    private readonly Func<double, string, string, string[]> _arguments;
    private string? _version;

    /// <summary>The executable's name, looked up on PATH.</summary>
    public string Program { get; }

    /// <summary>Full path of the program, or null when it is not installed.</summary>
    public string? Executable { get; private set; }

    public override string? Version => _version ?? (Installed ? Program : null);

    public override bool Installed => Executable is not null;

    public override string MissingReason => $"`{Program}` not on PATH (Debian: apt-get install {Program})";

    /// <summary>The peer called <paramref name="id"/>, resolved on <paramref name="searchPath"/>; null for an unknown id.</summary>
    public static ExternalDenoiser? Create(string id, string searchPath)
    {
        var peer = Create(id);
        peer?.Resolve(searchPath);
        return peer;
    }

    /// <summary>The command line for σ (null: σ shown as a symbol), with the temp files shown as noisy.png and out.png.</summary>
    public override string Invocation(double? sigma) =>
        Program + " " + string.Join(" ", _arguments(sigma ?? double.NaN, "noisy.png", "out.png").Select(Quote));

    /// <summary>Runs the program on <paramref name="noisy"/> with noise level <paramref name="sigma"/> (0..255 units).</summary>
    public override (Bgra8Image Image, double Seconds) Run(Bgra8Image noisy, double sigma, CancellationToken cancel)
    {
        if (Executable is null)
        {
            throw new InvalidOperationException($"{Program} is not installed");
        }

        var dir = Path.Combine(Path.GetTempPath(), "aepaint-eval-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(dir);
        try
        {
            string input = Path.Combine(dir, "noisy.png"), output = Path.Combine(dir, "out.png");
            var clock = Stopwatch.StartNew();
            ImageFile.Save(input, noisy);
            var (exit, text) = Execute(Executable, _arguments(sigma, input, output), cancel);
            if (exit != 0 || !File.Exists(output))
            {
                throw new EvaluationException($"{Name} failed (exit code {exit}): {LastLines(text, 3)}");
            }

            var result = ImageFile.Load(output);
            double seconds = clock.Elapsed.TotalSeconds;
            if (result.Width != noisy.Width || result.Height != noisy.Height)
            {
                throw new EvaluationException($"{Name} returned {result.Width}×{result.Height} for a {noisy.Width}×{noisy.Height} input");
            }

            return (result, seconds);
        }
        finally
        {
            try
            {
                Directory.Delete(dir, recursive: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Temp files left behind are harmless; the result or the real error matters.
            }
        }
    }

    /// <summary>Runs the program on the files as given (no PNG round trip): for timing it on the user's own file.</summary>
    public void RunOnFiles(double sigma, string input, string output, CancellationToken cancel)
    {
        var exe = Executable ?? throw new InvalidOperationException($"{Program} is not installed");
        var (exit, text) = Execute(exe, _arguments(sigma, input, output), cancel);
        if (exit != 0 || !File.Exists(output))
        {
            throw new EvaluationException($"{Name} failed (exit code {exit}): {LastLines(text, 3)}");
        }
    }

    private static ExternalDenoiser? Create(string id) => id.ToLowerInvariant() switch
    {
        // dctdnoiz: DCT-domain hard thresholding at 3σ on 8×8 blocks with full overlap (Yu & Sapiro 2011); σ as given.
        "dctdnoiz" => new ExternalDenoiser(
            "dctdnoiz",
            "ffmpeg dctdnoiz",
            "ffmpeg",
            (s, i, o) => ["-hide_banner", "-loglevel", "error", "-nostdin", "-y", "-i", i, "-vf", $"dctdnoiz=sigma={S(1, s)}", "-frames:v", "1", "-pix_fmt", "rgb24", o],
            "sigma = σ (8×8 blocks, overlap 7: the filter's defaults)"),

        // G'MIC non-local means (Buades 2005): patch radius 4, search radius 4, tonal bandwidth k·σ.
        "nlmeans" => new ExternalDenoiser(
            "nlmeans",
            "G'MIC nlmeans",
            "gmic",
            (s, i, o) => ["-v", "-", i, "nlmeans", $"4,4,{S(NlmeansTonal, s)}", "cut", "0,255", "round", "-o", o],
            $"patch radius 4, search radius 4, tonal bandwidth {N(NlmeansTonal)}·σ"),

        // G'MIC patch-PCA: its strength is not a σ (the result stops changing above ~25), so one strength chosen on a
        // training photo serves every σ. Patch 7, lookup 11, spatial sampling 5 are its defaults.
        "patchpca" => new ExternalDenoiser(
            "patchpca",
            "G'MIC denoise_patchpca",
            "gmic",
            (_, i, o) => ["-v", "-", i, "denoise_patchpca", "2,7,11,5", "cut", "0,255", "round", "-o", o],
            "strength 2 whatever σ (not a noise level; best of 1–100 on a training crop), patch 7, lookup 11, spatial sampling 5; slow: 30–40 s per CBSD68 image on 2 cores, so not in the default --peers"),
        _ => null,
    };

    /// <summary>
    /// nlmeans tonal bandwidth per unit σ, chosen on training photos, never on an evaluation image (models/README, History).
    /// </summary>
    private const double NlmeansTonal = 0.6;

    private static string N(double v) => v.ToString("0.###", CultureInfo.InvariantCulture);

    // k·σ as the program gets it, or as a formula when σ is not known yet (NaN).
    private static string S(double k, double sigma) =>
        !double.IsNaN(sigma) ? N(k * sigma) : k == 1 ? "σ" : N(k) + "σ";

    private void Resolve(string searchPath)
    {
        foreach (var dir in searchPath.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var name in OperatingSystem.IsWindows() ? new[] { Program + ".exe", Program } : [Program])
            {
                var candidate = Path.Combine(dir, name);
                if (File.Exists(candidate))
                {
                    Executable = candidate;
                    _version = ReadVersion(candidate);
                    return;
                }
            }
        }
    }

    private static string? ReadVersion(string exe)
    {
        try
        {
            var (_, text) = Execute(exe, ["-version"], CancellationToken.None, TimeSpan.FromSeconds(30));
            var m = VersionWord().Match(Ansi().Replace(text, string.Empty));
            return m.Success ? $"{Path.GetFileNameWithoutExtension(exe)} {m.Groups[1].Value}" : null;
        }
        catch (Exception e) when (e is EvaluationException or System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            return null;
        }
    }

    private static (int Exit, string Output) Execute(string exe, string[] args, CancellationToken cancel, TimeSpan? timeout = null)
    {
        var psi = new ProcessStartInfo(exe)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            CreateNoWindow = true,
        };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        using var p = Process.Start(psi) ?? throw new EvaluationException($"{exe} could not be started");
        p.StandardInput.Close();
        var stdout = p.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var stderr = p.StandardError.ReadToEndAsync(CancellationToken.None);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        cts.CancelAfter(timeout ?? TimeSpan.FromMinutes(30));
        try
        {
            p.WaitForExitAsync(cts.Token).GetAwaiter().GetResult();
        }
        catch (OperationCanceledException)
        {
            p.Kill(entireProcessTree: true);
            p.WaitForExit();
            cancel.ThrowIfCancellationRequested();
            throw new EvaluationException($"{Path.GetFileName(exe)} did not finish within {(timeout ?? TimeSpan.FromMinutes(30)).TotalMinutes:0.#} minutes");
        }

        return (p.ExitCode, stdout.GetAwaiter().GetResult() + stderr.GetAwaiter().GetResult());
    }

    private static string LastLines(string text, int n)
    {
        var lines = text.Split('\n').Select(l => Ansi().Replace(l, string.Empty).Trim()).Where(l => l.Length > 0).ToArray();
        return lines.Length == 0 ? "no output" : string.Join(" / ", lines.TakeLast(n));
    }

    private static string Quote(string a) =>
        a.Length > 0 && a.All(c => char.IsLetterOrDigit(c) || "-_.,=:/+σ".Contains(c, StringComparison.Ordinal)) ? a : "'" + a.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    [GeneratedRegex("version\\s+([0-9][^\\s,]*)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex VersionWord();

    [GeneratedRegex("\x1b\\[[0-9;]*m", RegexOptions.CultureInvariant)]
    private static partial Regex Ansi();
}
