using AePaint.Imaging;

namespace AePaint.Evaluation.Sets;

/// <summary>
/// One evaluation image. <paramref name="GrayFile"/>: the file itself has one channel (a gray PNG, as MATLAB's
/// imread would return it): the protocols treat its values as Y / as one plane. An RGB file with R = G = B
/// (Set14 `man`) is a colour file.
/// </summary>
public sealed record EvalImage(string Name, string Path, Bgra8Image Pixels, bool GrayFile);
