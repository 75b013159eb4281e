using System.Globalization;
using AePaint.Evaluation.Peers;
using AePaint.Evaluation.Reports;
using AePaint.Imaging;
using AePaint.Imaging.Metrics;
using AePaint.Inference.Cards;

namespace AePaint.Evaluation.Protocols;

/// <summary>Pieces shared by the eval tasks.</summary>
public static class EvalCommon
{
    /// <summary>A new report of <paramref name="task"/> on the settings' set, with nothing measured yet.</summary>
    public static EvalReport NewReport(string task, EvalSettings s, int imageCount) => new()
    {
        Task = task,
        Set = Path.GetFullPath(s.SetDir),
        SetName = new DirectoryInfo(s.SetDir).Name,
        ImageCount = imageCount,
        Command = s.Command,
    };

    /// <summary>Why a model that is not a ×1 denoiser cannot take part in <paramref name="command"/>; null when it is one.</summary>
    public static string? UnlessDenoise(ModelCard card, string command) =>
        card.Task == ModelTask.Denoise && card.Scale == 1 ? null : $"a {card.Task} ×{card.Scale} model; `{command}` needs a denoise model";

    /// <summary>An 8-bit result as the protocol scores it against a clean image of 1 (gray file) or 3 planes in [0, 1].</summary>
    public static PlanarImage Planar01(Bgra8Image image, bool grayFile)
    {
        if (!grayFile)
        {
            return PixelConversion.ToPlanar(image);
        }

        var y = ProtocolScores.Luma(image, grayFile: true);
        var d = y.Data;
        for (int i = 0; i < d.Length; i++)
        {
            d[i] /= 255f;
        }

        return y;
    }

    /// <summary>Runs a method on every image (in parallel only when nothing is timed) and returns the scores in image order.</summary>
    public static ImageScore[] ForEachImage(int count, bool timed, CancellationToken cancel, Func<int, ImageScore> score)
    {
        var results = new ImageScore[count];
        if (timed)
        {
            for (int i = 0; i < count; i++)
            {
                cancel.ThrowIfCancellationRequested();
                results[i] = score(i);
            }
        }
        else
        {
            ParallelFor(count, cancel, i => results[i] = score(i));
        }

        return results;
    }

    /// <summary>Parallel.For that rethrows the first failure itself (not an AggregateException), so it reaches the user as one line.</summary>
    public static void ParallelFor(int count, CancellationToken cancel, Action<int> body)
    {
        try
        {
            Parallel.For(0, count, new ParallelOptions { CancellationToken = cancel }, body);
        }
        catch (AggregateException e) when (e.InnerExceptions.Count > 0)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
            throw;
        }
    }

    /// <summary>
    /// Runs <paramref name="run"/> for a method and records its scores; a model or peer that fails on the set (wrong
    /// kind of image, program error) gets "failed: reason" instead of ending the whole evaluation.
    /// </summary>
    public static void Record(MethodResult method, Action<string>? log, string condition, Func<IEnumerable<ImageScore>> run)
    {
        try
        {
            method.Images.AddRange(run());
        }
        catch (Exception e) when (e is EvaluationException or ArgumentException or InvalidOperationException or ImageFiles.ImageFileException or IOException or Microsoft.ML.OnnxRuntime.OnnxRuntimeException)
        {
            method.Images.Clear();
            method.Status = "failed: " + e.Message.Split('\n')[0];
        }

        log?.Invoke($"eval: {condition}: {method.Name}: {(method.Status == MethodResult.Ok ? method.MeanPsnr?.ToString("F2", CultureInfo.InvariantCulture) + " dB" : method.Status)}");
    }

    /// <summary>A peer's settings for the report: its parameters, version and exact call (σ given or symbolic).</summary>
    public static string Describe(DenoisePeer peer, double? sigma) =>
        peer.Installed
            ? $"{peer.Settings}; {peer.Version ?? peer.Id}; `{peer.Invocation(sigma)}`"
            : $"{peer.MissingReason}; would run `{peer.Invocation(sigma)}`";

    public static string CommonProtocolTimes(bool anyModel, bool anyPeer) =>
        "times: wall clock per image" + (anyModel ? "; models through the tiled engine (session opened and probed before timing)" : string.Empty)
        + (anyPeer ? "; program peers include process start-up and PNG write/read of temp files (OpenCV runs in-process)" : string.Empty) + ".";
}
