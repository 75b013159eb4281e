using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using AePaint.Imaging;
using OpenCvSharp;

namespace AePaint.Evaluation.Peers;

/// <summary>
/// OpenCV's fast non-local means for colour images (Buades et al. 2005, on CIELAB: h for L, hColor for a/b), called
/// in-process through OpenCvSharp. Its time is the call plus the BGRA ⇄ BGR conversions, no files.
/// </summary>
public sealed partial class OpenCvDenoiser : DenoisePeer
{
    public const string PeerId = "opencv-nlm";

    /// <summary>
    /// h = hColor per unit σ. OpenCV weighs a patch by exp(−d²/h²) with d² the mean squared Lab difference, so h
    /// tracks σ (IPOL's NL-means, with another distance, uses 0.35–0.55σ). 0.6 was chosen on training photos, never
    /// an evaluation image (models/README, History).
    /// </summary>
    internal const double HFactor = 0.6;

    // OpenCV's documented defaults (and recommended values): 7×7 template, 21×21 search window.
    private const int TemplateWindow = 7;
    private const int SearchWindow = 21;

    // The native library is loaded once per process; its failure (no libgtk-3-0, no runtime for this OS) is kept as text.
    private static readonly Lazy<(string? Version, string? Error)> Native = new(Probe);

    private readonly string? _loadError;

    public OpenCvDenoiser()
        : this(Native.Value.Error)
    {
    }

    /// <summary>A peer whose native library failed with <paramref name="loadError"/> (tests: the not-installed path).</summary>
    internal OpenCvDenoiser(string? loadError)
        : base(PeerId, "OpenCV fastNlMeansDenoisingColored", $"h = hColor = {N(HFactor)}·σ (chosen on training photos), templateWindowSize {TemplateWindow}, searchWindowSize {SearchWindow} (OpenCV's defaults); in-process")
    {
        _loadError = loadError;
    }

    public override bool Installed => _loadError is null;

    public override string? Version => Installed ? Native.Value.Version : null;

    public override string MissingReason =>
        $"OpenCV native library not loadable ({_loadError}); Linux x64: apt-get install libgtk-3-0 (OpenCvSharp4.official.runtime.linux-x64 is the only runtime referenced)";

    public override string Invocation(double? sigma)
    {
        string h = sigma is double s ? N(HFactor * s) : N(HFactor) + "σ";
        return $"Cv2.FastNlMeansDenoisingColored(noisyBgr, out, h: {h}, hColor: {h}, templateWindowSize: {TemplateWindow}, searchWindowSize: {SearchWindow})";
    }

    public override (Bgra8Image Image, double Seconds) Run(Bgra8Image noisy, double sigma, CancellationToken cancel)
    {
        if (!Installed)
        {
            throw new InvalidOperationException($"{Name} is not installed: {_loadError}");
        }

        cancel.ThrowIfCancellationRequested();
        var clock = Stopwatch.StartNew();
        var result = new Bgra8Image(noisy.Width, noisy.Height);
        using var bgr = new Mat();
        using var denoised = new Mat();
        using var bgra = new Mat();
        var input = GCHandle.Alloc(noisy.Data, GCHandleType.Pinned);
        try
        {
            // A view on the image's own bytes, pinned only while CvtColor copies them out.
            using var view = Mat.FromPixelData(noisy.Height, noisy.Width, MatType.CV_8UC4, input.AddrOfPinnedObject(), noisy.Stride);
            Cv2.CvtColor(view, bgr, ColorConversionCodes.BGRA2BGR);
        }
        finally
        {
            input.Free();
        }

        float h = (float)(HFactor * sigma);
        Cv2.FastNlMeansDenoisingColored(bgr, denoised, h, h, TemplateWindow, SearchWindow);
        Cv2.CvtColor(denoised, bgra, ColorConversionCodes.BGR2BGRA);
        if (!bgra.IsContinuous() || bgra.Rows != noisy.Height || bgra.Cols != noisy.Width)
        {
            throw new EvaluationException($"{Name} returned {bgra.Cols}×{bgra.Rows} for a {noisy.Width}×{noisy.Height} input");
        }

        Marshal.Copy(bgra.Data, result.Data, 0, result.Data.Length);

        // Keep the input's alpha (the evaluation images are opaque; only colour is denoised).
        for (int i = 3; i < result.Data.Length; i += 4)
        {
            result.Data[i] = noisy.Data[i];
        }

        return (result, clock.Elapsed.TotalSeconds);
    }

    private static (string? Version, string? Error) Probe()
    {
        try
        {
            return ($"OpenCV {Cv2.GetVersionString()}", null);
        }
        catch (Exception e) when (e is DllNotFoundException or TypeInitializationException or BadImageFormatException or EntryPointNotFoundException or OpenCvSharpException)
        {
            return (null, Innermost(e));
        }
    }

    // The loader lists every path it tried; the one line naming a dependency (libgtk-3.so.0: cannot open …, or
    // …/libgtk-3.so.0: file too short for a broken copy) is the reason worth reporting. Without it the library itself
    // is absent: no runtime package for this OS.
    internal static string Innermost(Exception e)
    {
        while (e.InnerException is not null)
        {
            e = e.InnerException;
        }

        var lines = e.Message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var dependency = lines.FirstOrDefault(l => DependencyLine().IsMatch(l) && !l.Contains("OpenCvSharpExtern", StringComparison.Ordinal));
        var reason = dependency
            ?? (e is DllNotFoundException ? "OpenCvSharpExtern not found (no OpenCvSharp runtime package for this OS)" : lines.FirstOrDefault() ?? string.Empty);
        return $"{e.GetType().Name}: {(reason.Length > 300 ? reason[..300] + "…" : reason)}";
    }

    private static string N(double v) => v.ToString("0.###", CultureInfo.InvariantCulture);

    // "<shared object>: <why>", as dlerror words a library that failed to load.
    [GeneratedRegex(@"^\S*\.so(\.\d+)*: \S")]
    private static partial Regex DependencyLine();
}
