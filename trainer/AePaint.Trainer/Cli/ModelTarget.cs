using AePaint.Imaging.Files;
using AePaint.Inference.Cards;

namespace AePaint.Trainer.Cli;

/// <summary>
/// An .onnx the user names with -o (and its card sidecar beside it): refused when it already exists unless
/// --overwrite is given, checked before hours of training rather than after.
/// </summary>
internal static class ModelTarget
{
    public const string OverwriteOption = "--overwrite";

    public static void CheckFree(string onnxPath, bool overwrite)
    {
        var none = new HashSet<FileIdentity>();
        OutputPolicy.CheckTarget(onnxPath, none, overwrite, OverwriteOption);
        OutputPolicy.CheckTarget(ModelCardJson.SidecarPath(onnxPath), none, overwrite, OverwriteOption);
    }
}
