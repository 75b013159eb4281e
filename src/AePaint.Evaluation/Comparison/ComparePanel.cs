using AePaint.Imaging;

namespace AePaint.Evaluation.Comparison;

/// <summary>One labelled crop: a method's result (full size; the sheet crops it) and its whole-image PSNR.</summary>
public sealed record ComparePanel(string Label, Bgra8Image Image, double? Psnr, string NoScore = "reference");
