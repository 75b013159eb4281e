using System.Runtime.InteropServices;

namespace AePaint.Inference;

/// <summary>
/// ONNX Runtime's native library could not be loaded at all: onnxruntime.dll missing or blocked, built for another
/// processor (an x64 bundle on ARM64 Windows), or of another version than the managed wrapper. The CPU cannot help.
/// </summary>
public sealed class NativeLoadFailure : Exception
{
    public NativeLoadFailure(string message, Exception inner)
        : base(message, inner)
    {
    }

    /// <summary>The load failure inside <paramref name="e"/> (type initializers wrap it), or null.</summary>
    public static Exception? Find(Exception e)
    {
        for (Exception? x = e; x != null; x = x.InnerException)
        {
            if (x is DllNotFoundException or BadImageFormatException or EntryPointNotFoundException)
            {
                return x;
            }
        }

        return null;
    }

    /// <summary>Plain words for a load failure of the CPU runtime, naming the folder the plugin runs from.</summary>
    public static NativeLoadFailure Describe(Exception loadFailure, string folder)
    {
        string why = loadFailure switch
        {
            BadImageFormatException => $"its onnxruntime.dll is built for another kind of processor (this Paint.NET runs as {RuntimeInformation.ProcessArchitecture}; AePaint's bundle is win-x64)",
            EntryPointNotFoundException => "its onnxruntime.dll does not match the ONNX Runtime version AePaint was built with",
            _ => "onnxruntime.dll is missing from AePaint's folder or was blocked (antivirus, or a download Windows marked as unsafe)",
        };
        return new NativeLoadFailure($"AePaint cannot start its AI engine: {why}. Reinstall AePaint ({folder}) and restart Paint.NET.", loadFailure);
    }
}
