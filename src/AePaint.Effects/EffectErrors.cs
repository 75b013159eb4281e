using AePaint.Inference;

namespace AePaint.Effects;

/// <summary>A failure with a message for the photographer (shown by the host's error dialog); Inner has the details.</summary>
public sealed class EffectException : Exception
{
    public EffectException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }
}

/// <summary>Maps engine failures to plain words. Never returns an empty message.</summary>
public static class EffectErrors
{
    public static EffectException Describe(Exception e, string? fallbackReason = null, Rect? area = null)
    {
        if (e is EffectException already)
        {
            return already;
        }

        string gpu = fallbackReason is null ? string.Empty : $" (The GPU was not used: {fallbackReason})";
        string msg = e switch
        {
            ModelLoadException { Problem: "model file not found" } m =>
                $"The AI model \"{Path.GetFileName(m.ModelPath)}\" is missing (looked for {m.ModelPath}). Reinstall AePaint or choose another model.",
            ModelLoadException m =>
                $"The AI model \"{Path.GetFileName(m.ModelPath)}\" cannot be used: {m.Problem}.",
            _ when OutOfMemory.IsOutOfMemory(e) =>
                $"Not enough memory to process {(area is { } a ? a.Width + "×" + a.Height + " pixels" : "this image")}, even with the smallest tiles. Select a smaller area, close other programs, or set Device to CPU.{gpu}",
            ArgumentException a => StripParam(a) + gpu,
            _ => $"The AI model failed while running: {e.GetType().Name}: {FirstLine(e.Message)}{gpu}",
        };
        return new EffectException(msg, e);
    }

    /// <summary>The notice to show when the GPU was asked for but the CPU was used (null when nothing to say).</summary>
    public static string? FallbackNotice(ExecutionDevice requested, string provider, string? fallbackReason) =>
        requested == ExecutionDevice.Cpu || provider != "CPU" || fallbackReason is null
            ? null
            : $"AePaint ran on the CPU because the GPU could not be used: {fallbackReason}";

    private static string StripParam(ArgumentException a) =>
        a.ParamName is null ? a.Message : a.Message.Replace($" (Parameter '{a.ParamName}')", string.Empty, StringComparison.Ordinal);

    private static string FirstLine(string s)
    {
        int i = s.IndexOf('\n', StringComparison.Ordinal);
        return (i < 0 ? s : s[..i]).Trim();
    }
}
