using System.Globalization;
using AePaint.Evaluation.Peers;
using AePaint.Evaluation.Protocols;
using AePaint.Evaluation.Sets;
using AePaint.ImageFiles;
using AePaint.Imaging;
using AePaint.Imaging.Metrics;
using AePaint.Inference;
using AePaint.Inference.Cards;

namespace AePaint.Evaluation.Comparison;

/// <summary>`aepaint compare`: every method on one image, scored like `aepaint eval`, drawn as one labelled sheet.</summary>
public static class CompareRun
{
    public const int DefaultCrop = 128;
    public const double DefaultAddNoise = 25;

    public static (Bgra8Image Sheet, IReadOnlyList<ComparePanel> Panels, bool LabelsDrawn) Run(CompareSettings s, Action<string>? log, CancellationToken cancel = default)
    {
        if (s.Zoom is < 1 or > 16)
        {
            throw new EvaluationException($"--zoom {s.Zoom}: use 1..16");
        }

        var clean = EvalImages.Load(s.Clean);
        var models = EvalModel.OpenAll(s.Models, s.Device);
        try
        {
            var (panels, title, size) = s.Scale is { } scale
                ? SuperResolution(s, clean, scale, models, cancel)
                : Denoise(s, clean, models, log, cancel);
            var crop = s.Crop ?? CompareSheet.Centre(size.Width, size.Height, DefaultCrop);
            if (crop.X < 0 || crop.Y < 0 || crop.Width < 1 || crop.Height < 1 || crop.X + crop.Width > size.Width || crop.Y + crop.Height > size.Height)
            {
                throw new EvaluationException($"--crop {crop.X},{crop.Y},{crop.Width},{crop.Height}: outside the {size.Width}×{size.Height} image");
            }

            var sheet = CompareSheet.Draw(panels, crop, s.Zoom, title + $"; crop {crop.X},{crop.Y} {crop.Width}×{crop.Height} ×{s.Zoom}", out bool labels);
            return (sheet, panels, labels);
        }
        finally
        {
            foreach (var m in models)
            {
                m.Dispose();
            }
        }
    }

    private static (List<ComparePanel>, string, (int Width, int Height)) Denoise(CompareSettings s, EvalImage clean, IReadOnlyList<EvalModel> models, Action<string>? log, CancellationToken cancel)
    {
        foreach (var m in models.Where(m => m.Card.Task != ModelTask.Denoise || m.Card.Scale != 1))
        {
            throw new EvaluationException($"{m.Path}: a {m.Card.Task} ×{m.Card.Scale} model; pass -s {m.Card.Scale} to compare super-resolution");
        }

        var clean01 = EvalCommon.Planar01(clean.Pixels, clean.GrayFile);
        if (s.AddNoise is { } added && (s.NoReference || s.Noisy != null))
        {
            throw new EvaluationException($"--add-noise {added.ToString(CultureInfo.InvariantCulture)}: not with {(s.NoReference ? "--no-reference" : "--noisy")}, whose photo has its own noise (--sigma tells the models its level)");
        }

        Bgra8Image noisy;
        double sigma;
        string title;
        if (s.NoReference)
        {
            if (s.Noisy != null)
            {
                throw new EvaluationException("--no-reference: the image is the noisy photo itself; drop --noisy");
            }

            noisy = clean.Pixels;
            sigma = s.Sigma ?? Math.Round(NoiseLevel.Estimate(noisy), 2);
            title = $"{Path.GetFileName(s.Clean)}: real noise, no ground truth, σ {sigma.ToString("0.##", CultureInfo.InvariantCulture)}{(s.Sigma is null ? " (estimated)" : string.Empty)}";
        }
        else if (s.Noisy is { } noisyPath)
        {
            noisy = EvalImages.Load(noisyPath).Pixels;
            if (noisy.Width != clean.Pixels.Width || noisy.Height != clean.Pixels.Height)
            {
                throw new EvaluationException($"{noisyPath}: {noisy.Width}×{noisy.Height}, but {s.Clean} is {clean.Pixels.Width}×{clean.Pixels.Height}");
            }

            sigma = s.Sigma ?? Math.Round(NoiseLevel.Estimate(noisy), 2);
            title = $"{Path.GetFileName(noisyPath)} vs {Path.GetFileName(s.Clean)}: real noise, σ {sigma.ToString("0.##", CultureInfo.InvariantCulture)}{(s.Sigma is null ? " (estimated)" : string.Empty)}";
        }
        else
        {
            if (s.Sigma is { } told)
            {
                string v = told.ToString(CultureInfo.InvariantCulture);
                throw new EvaluationException($"--sigma {v} now means the σ told to the model, for a real noisy photo (--noisy, --no-reference); for noise added to clean images use --add-noise {v}");
            }

            sigma = s.AddNoise ?? DefaultAddNoise;
            noisy = PixelConversion.ToBgra8(ProtocolScores.DenoiseNoisyInput(clean01, sigma, seed: 0));
            title = $"{Path.GetFileName(s.Clean)}: AWGN σ {sigma.ToString("0.##", CultureInfo.InvariantCulture)} (seed 0, 8-bit)";
        }

        double? Psnr(Bgra8Image result) => s.NoReference ? null : ProtocolScores.Denoise(clean01, EvalCommon.Planar01(result, clean.GrayFile), withSsim: false).Psnr;

        string none = s.NoReference ? "no ground truth" : "reference";
        var panels = new List<ComparePanel> { new(s.Noisy is null && !s.NoReference ? $"noisy σ {sigma.ToString("0.##", CultureInfo.InvariantCulture)}" : "noisy", noisy, Psnr(noisy), none) };
        foreach (var peer in DenoisePeer.SelectAndReportMissing(s.Peers, s.PeerSearchPath, log, "compare").Where(p => p.Installed))
        {
            var (result, _) = peer.Run(noisy, sigma, cancel);
            panels.Add(new ComparePanel(peer.Name, result, Psnr(result), none));
        }

        foreach (var m in models)
        {
            var settings = new RunSettings { TileSize = s.Tile, Sigma = m.Card.NoiseMap is null ? null : (float)sigma };
            var (result, _) = TiledRunner.Run(m.Session, noisy, settings, cancel: cancel);
            panels.Add(new ComparePanel(m.Name, result, Psnr(result), none));
        }

        if (s.NoReference)
        {
            return (panels, title, (clean.Pixels.Width, clean.Pixels.Height));
        }

        panels.Add(new ComparePanel("ground truth", clean.Pixels, null));
        return (panels, title + "; PSNR over RGB of the whole image", (clean.Pixels.Width, clean.Pixels.Height));
    }

    private static (List<ComparePanel>, string, (int Width, int Height)) SuperResolution(CompareSettings s, EvalImage clean, int scale, IReadOnlyList<EvalModel> models, CancellationToken cancel)
    {
        if (scale is < 2 or > 8)
        {
            throw new EvaluationException($"-s {scale}: use scales 2..8");
        }

        foreach (var m in models.Where(m => m.Card.Task != ModelTask.SuperResolution || m.Card.Scale != scale))
        {
            throw new EvaluationException($"{m.Path}: a {m.Card.Task} ×{m.Card.Scale} model; this comparison is ×{scale} super-resolution");
        }

        // No reference: the image is a real small photo, enlarged as it is; nothing to score against.
        var hr = s.NoReference ? null : ProtocolScores.ModCrop(clean.Pixels, scale);
        var hrY = hr is null ? null : ProtocolScores.Luma(hr, clean.GrayFile);
        var lr = hr is null ? clean.Pixels : ProtocolScores.SrLowResolution(hr, scale);
        double? Psnr(Bgra8Image sr) => hrY is null ? null : ProtocolScores.SuperResolution(hrY, ProtocolScores.Luma(sr, clean.GrayFile), scale, withSsim: false).Psnr;

        string none = hr is null ? "no ground truth" : "reference";
        var nearest = Nearest(lr, scale);
        var bicubic = ProtocolScores.SrBicubicUpscale(lr, scale);
        var lanczos = ProtocolScores.SrLanczosUpscale(lr, scale);
        var panels = new List<ComparePanel>
        {
            new($"input ×{scale} (nearest)", nearest, Psnr(nearest), none),
            new("bicubic", bicubic, Psnr(bicubic), none),
            new("Lanczos3", lanczos, Psnr(lanczos), none),
        };
        foreach (var m in models)
        {
            var (result, _) = TiledRunner.Run(m.Session, lr, new RunSettings { TileSize = s.Tile }, cancel: cancel);
            panels.Add(new ComparePanel(m.Name, result, Psnr(result), none));
        }

        if (hr is null)
        {
            return (panels, $"{Path.GetFileName(s.Clean)}: ×{scale} of the photo as it is, no ground truth", (lr.Width * scale, lr.Height * scale));
        }

        panels.Add(new ComparePanel("ground truth", hr, null));
        return (panels, $"{Path.GetFileName(s.Clean)}: ×{scale} from MATLAB-bicubic LR; PSNR on Y of the whole image, {scale} px border cropped", (hr.Width, hr.Height));
    }

    private static Bgra8Image Nearest(Bgra8Image lr, int s)
    {
        var o = new Bgra8Image(lr.Width * s, lr.Height * s);
        for (int y = 0; y < o.Height; y++)
        {
            var src = lr.Row(y / s);
            var dst = o.Row(y);
            for (int x = 0; x < o.Width; x++)
            {
                src.Slice((x / s) * 4, 4).CopyTo(dst.Slice(x * 4, 4));
            }
        }

        return o;
    }

    /// <summary>Saves the sheet (atomically, by extension) and returns the full path.</summary>
    public static string Save(Bgra8Image sheet, string path, bool overwrite)
    {
        ImageFile.Save(path, sheet, null, new SaveOptions { Overwrite = overwrite });
        return Path.GetFullPath(path);
    }
}
