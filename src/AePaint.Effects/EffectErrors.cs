using AePaint.Inference;

namespace AePaint.Effects;

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
            NativeLoadFailure n => n.Message,
            _ when NativeLoadFailure.Find(e) is { } load => NativeLoadFailure.Describe(load, Path.GetDirectoryName(typeof(EffectErrors).Assembly.Location) ?? AppContext.BaseDirectory).Message,
            ModelLoadException { Problem: "model file not found" } m =>
                $"The AI model \"{Path.GetFileName(m.ModelPath)}\" is missing (looked for {m.ModelPath}). Reinstall AePaint or choose another model.",
            ModelLoadException m =>
                $"The AI model \"{Path.GetFileName(m.ModelPath)}\" cannot be used: {m.Problem}.",
            _ when OutOfMemory.IsOutOfMemory(e) =>
                $"Not enough memory to process {(area is { } a ? a.Width + "×" + a.Height + " pixels" : "this image")}, even with the smallest tiles. Select a smaller area, close other programs, or set Device to CPU.{gpu}",
            _ when GpuFailure(e) is { } g =>
                $"The graphics card (DirectML) failed while running the AI model: {g}. Set Device to CPU and try again; updating the graphics driver may also help.",
            ArgumentException a => StripParam(a) + gpu,
            _ => $"The AI model failed while running: {e.GetType().Name}: {FirstLine(e.Message)}{gpu}",
        };
        return new EffectException(msg, e);
    }

    /// <summary>The first line of a DirectML/DXGI failure in the exception chain (DXGI HRESULTs are 0x887Axxxx), or null.</summary>
    private static string? GpuFailure(Exception e)
    {
        for (var x = e; x != null; x = x.InnerException)
        {
            if (((uint)x.HResult >> 16) == 0x887A
                || x.Message.Contains("DirectML", StringComparison.OrdinalIgnoreCase)
                || x.Message.Contains("DmlExecutionProvider", StringComparison.Ordinal)
                || x.Message.Contains("DXGI_ERROR", StringComparison.Ordinal))
            {
                return FirstLine(x.Message);
            }
        }

        return null;
    }

    private static string StripParam(ArgumentException a) =>
        a.ParamName is null ? a.Message : a.Message.Replace($" (Parameter '{a.ParamName}')", string.Empty, StringComparison.Ordinal);

    private static string FirstLine(string s)
    {
        int i = s.IndexOf('\n', StringComparison.Ordinal);
        return (i < 0 ? s : s[..i]).Trim();
    }
}
