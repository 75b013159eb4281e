namespace AePaint.Evaluation.Reports;

/// <summary>
/// One image's score. <paramref name="SigmaIn"/>: the σ a noise-map model or a peer was given for this image
/// (0..255 units) when it depends on the image.
/// </summary>
public sealed record ImageScore(string Image, double Psnr, double? Ssim, double? Seconds, double? SigmaIn = null);
