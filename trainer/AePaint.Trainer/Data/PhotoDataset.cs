using System.Globalization;
using AePaint.ImageFiles;

namespace AePaint.Trainer.Data;

/// <summary>
/// Clean training photos from a folder (recursive; .jpg/.jpeg/.png/.webp, sorted by relative path), split into
/// train and validation by file, decoded once with <see cref="ImageFile.Load"/>, optionally pre-downscaled, and
/// cached as uint8 RGB (training photos also at <see cref="PhotoDatasetOptions.ExtraDownscales"/>). Serves random
/// patches (scale, position, flips, 90° rotations all drawn from the caller's <see cref="Random"/>) and fixed centre
/// crops for validation.
/// <para>
/// Memory: photo sizes are read from file headers first. If all training photos fit in
/// <see cref="PhotoDatasetOptions.MaxCacheBytes"/> they are all decoded up front and stay resident. Otherwise the
/// cache <em>rotates</em>: the training photos are put in one seeded order (a ring), and window r is the run of
/// consecutive photos starting at r·stride that fits the budget MaxCacheBytes/(1 + RotationFraction) (stride = RotationFraction × the first window's photo
/// count). Patches come only from the current window; every <see cref="PhotoDatasetOptions.RotateEveryPatches"/>
/// patches the window moves on, evicting the photos that left it and adding the ones that entered (decoded in the
/// background during the previous window when <see cref="PhotoDatasetOptions.Prefetch"/> is on, else right then).
/// The window is a pure function of <see cref="PatchesDrawn"/>, so a resumed run that sets it gets the same patches.
/// </para>
/// Not thread-safe: draw patches from one thread (degrade them in parallel afterwards).
/// </summary>
public sealed class PhotoDataset
{
    private readonly PhotoCache _cache;
    private readonly Action<string>? _log;
    private readonly List<SkippedPhoto> _skipped = [];
    private long _patchesDrawn;

    public PhotoDataset(string folder, PhotoDatasetOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(folder);
        Options = options ??= new PhotoDatasetOptions();
        options.Validate();
        _log = options.Log;
        Folder = Path.GetFullPath(folder);
        if (!Directory.Exists(Folder))
        {
            throw new DirectoryNotFoundException($"Photo folder not found: {Folder}");
        }

        var found = PhotoFolderScan.FindPhotos(Folder);
        if (found.Count == 0)
        {
            throw new InvalidDataException($"No photos (.jpg, .jpeg, .png, .webp) in {Folder} or its subfolders.");
        }

        var (kept, excluded) = PhotoFolderScan.ApplyExclusions(found, options.Exclude, _log);
        ExcludedFiles = excluded;
        if (kept.Count == 0)
        {
            throw new InvalidDataException($"All {found.Count} photos in {Folder} are excluded; nothing left to train on.");
        }

        var usable = Probe(kept);
        if (usable.Count == 0)
        {
            throw NothingUsable(found.Count, excluded.Count);
        }

        var (trainIdx, valIdx) = PhotoFolderScan.Split(Folder, usable.Select(u => u.Path).ToList(), options.ValidationFraction, options.Seed);
        Validation = LoadValidation(valIdx.Select(i => usable[i].Path).ToList());
        ValidationFiles = Validation.Select(v => v.Path).ToList();
        _cache = new PhotoCache(trainIdx.Select(i => usable[i]).ToList(), options, Skip, Folder);
        _cache.Load(0);
        TotalTrainMegapixels = _cache.TotalBytes / 3 / 1e6;
        Summary = Describe(found.Count);
        _log?.Invoke(Summary);
    }

    public string Folder { get; }

    public PhotoDatasetOptions Options { get; }

    /// <summary>Training photos (full paths, sorted), minus any that failed to decode so far (see <see cref="Skipped"/>).</summary>
    public IReadOnlyList<string> TrainFiles => _cache.UsablePaths.ToList();

    /// <summary>Validation photos that yielded a crop, sorted; never in <see cref="TrainFiles"/>.</summary>
    public IReadOnlyList<string> ValidationFiles { get; }

    public IReadOnlyList<string> ExcludedFiles { get; }

    /// <summary>Photos left out: too small or unreadable. A rotating cache may append to it when a window is loaded.</summary>
    public IReadOnlyList<SkippedPhoto> Skipped => _skipped;

    /// <summary>One centre crop per validation photo, in <see cref="ValidationFiles"/> order.</summary>
    public IReadOnlyList<ValidationCrop> Validation { get; }

    public int ValidationCropSize => Options.EffectiveValidationCropSize;

    /// <summary>True when the training photos exceed the cache cap and the cache rotates through them.</summary>
    public bool IsRotating => _cache.IsRotating;

    /// <summary>Training photos resident now (patches come only from these).</summary>
    public int ResidentPhotoCount => _cache.ResidentCount;

    /// <summary>uint8 RGB bytes of the resident training photos (a prefetch in progress adds at most MaxCacheBytes − this budget).</summary>
    public long CachedBytes => _cache.ResidentBytes;

    public double CachedMegapixels => CachedBytes / 3 / 1e6;

    /// <summary>All training photos after the pre-downscale, resident or not, at every scale they are cached at.</summary>
    public double TotalTrainMegapixels { get; }

    /// <summary>The line logged at construction: counts, sizes, cache mode.</summary>
    public string Summary { get; }

    /// <summary>Patches drawn so far; it picks the rotating cache's window. Set it when resuming a run.</summary>
    public long PatchesDrawn
    {
        get => _patchesDrawn;
        set => _patchesDrawn = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "Patch count cannot be negative.");
    }

    /// <summary>
    /// One random training patch into <paramref name="destination"/> (3·size² floats: R plane, G plane, B plane, in
    /// [0, 1]). Draws, in order: the scale (only when there are extra ones: each in proportion to its resident
    /// pixels), photo (uniform over resident photos at that scale), x, y, symmetry (uniform over 8) from
    /// <paramref name="rng"/>, so the same rng state and <see cref="PatchesDrawn"/> give the same patch.
    /// </summary>
    public PatchOrigin SamplePatch(Random rng, int size, Span<float> destination)
    {
        ArgumentNullException.ThrowIfNull(rng);
        if (size < 1 || size > Options.PatchSize)
        {
            throw new ArgumentOutOfRangeException(nameof(size), size, $"Patch size must be 1..{Options.PatchSize} (the dataset's PatchSize: smaller photos were not kept).");
        }

        if (destination.Length != 3 * size * size)
        {
            throw new ArgumentException($"Destination holds {destination.Length} floats; a 3×{size}×{size} patch needs {3 * size * size}.", nameof(destination));
        }

        long window = IsRotating ? _patchesDrawn / Options.RotateEveryPatches : 0;
        if (window != _cache.Window)
        {
            _cache.Load(window);
        }

        int scale = _cache.Scales.Count == 1 ? 0 : _cache.PickScale(rng.NextDouble());
        var (path, px) = _cache.Resident(scale, rng.Next(_cache.ResidentCountAt(scale)));
        int x = rng.Next(px.Width - size + 1), y = rng.Next(px.Height - size + 1), t = rng.Next(8);
        px.Extract(x, y, size, t, destination);
        _patchesDrawn++;
        return new PatchOrigin(path, x, y, t) { Sigma = px.NoiseSigma, Downscale = _cache.Scales[scale] };
    }

    /// <summary>One random patch as a new 3·size² array; see <see cref="SamplePatch(Random, int, Span{float})"/>.</summary>
    public float[] SamplePatch(Random rng, int size)
    {
        var patch = new float[3 * size * size];
        SamplePatch(rng, size, patch);
        return patch;
    }

    /// <summary><paramref name="count"/> patches back to back: float[count·3·size·size], NCHW order.</summary>
    public float[] SampleBatch(Random rng, int count, int size)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        int n = 3 * size * size;
        var batch = new float[checked(count * n)];
        for (int i = 0; i < count; i++)
        {
            SamplePatch(rng, size, batch.AsSpan(i * n, n));
        }

        return batch;
    }

    /// <summary>Validation crops <paramref name="start"/>.. back to back: float[count·3·s·s] with s = <see cref="ValidationCropSize"/>.</summary>
    public float[] ValidationBatch(int start, int count)
    {
        if (start < 0 || count < 0 || start + count > Validation.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(count), $"Crops {start}..{start + count - 1} asked for; there are {Validation.Count}.");
        }

        int n = 3 * ValidationCropSize * ValidationCropSize;
        var batch = new float[count * n];
        for (int i = 0; i < count; i++)
        {
            Validation[start + i].Rgb.CopyTo(batch, i * n);
        }

        return batch;
    }

    private List<(string Path, long[] ScaleBytes)> Probe(List<string> files)
    {
        var o = Options;
        var usable = new List<(string Path, long[] ScaleBytes)>();
        var small = new List<string>();
        foreach (var path in files)
        {
            var dims = RgbPhoto.Probe(path);
            if (dims is null)
            {
                // Let the engine's loader say what is wrong (it gives the precise reason); use it if it does succeed.
                try
                {
                    var img = ImageFile.Load(path);
                    dims = (img.Width, img.Height);
                }
                catch (ImageFileException e)
                {
                    Skip(path, "unreadable: " + e.Problem);
                    continue;
                }
            }

            var (w, h) = RgbPhoto.SizeAfter(dims.Value.Width, dims.Value.Height, o.Downscale);
            if (Math.Min(w, h) < o.MinSide)
            {
                string after = o.Downscale == 1 ? "" : string.Create(CultureInfo.InvariantCulture, $" → {w}×{h} after ÷{o.Downscale}");
                small.Add($"{path} ({dims.Value.Width}×{dims.Value.Height}{after})");
                _skipped.Add(new SkippedPhoto(path, $"smaller than {o.MinSide}×{o.MinSide}: {dims.Value.Width}×{dims.Value.Height}{after}"));
                continue;
            }

            var sizes = o.Scales.Select(f => RgbPhoto.SizeAfter(dims.Value.Width, dims.Value.Height, f));
            usable.Add((path, [.. sizes.Select(d => Math.Min(d.Width, d.Height) < o.MinSide ? 0 : 3L * d.Width * d.Height)]));
        }

        if (small.Count > 0)
        {
            const int Shown = 30;
            var list = string.Join(", ", small.Take(Shown)) + (small.Count > Shown ? $", … and {small.Count - Shown} more" : "");
            _log?.Invoke($"warning: skipped {small.Count} photo(s) whose shorter side is below {o.MinSide} px (patch/crop size): {list}");
        }

        return usable;
    }

    private List<ValidationCrop> LoadValidation(List<string> files)
    {
        int s = ValidationCropSize;
        var photos = PhotoCache.DecodeAll(files, Options, Skip);
        var crops = new List<ValidationCrop>();
        for (int i = 0; i < files.Count; i++)
        {
            if (photos[i] is { } px && Math.Min(px.Width, px.Height) >= s)
            {
                var rgb = new float[3 * s * s];
                int x = (px.Width - s) / 2, y = (px.Height - s) / 2;
                px.Extract(x, y, s, 0, rgb);
                crops.Add(new ValidationCrop(files[i], s, rgb) { X = x, Y = y, Sigma = px.NoiseSigma });
            }
        }

        return crops;
    }

    private void Skip(string path, string reason)
    {
        _skipped.Add(new SkippedPhoto(path, reason));
        _log?.Invoke($"warning: skipping {path}: {reason}");
    }

    private InvalidDataException NothingUsable(int found, int excluded)
    {
        var reasons = string.Join("; ", _skipped.Take(30).Select(s => $"{s.Path}: {s.Reason}")) + (_skipped.Count > 30 ? $"; … and {_skipped.Count - 30} more" : "");
        return new InvalidDataException(
            $"No usable photos in {Folder}: {found} found, {excluded} excluded, {_skipped.Count} skipped " +
            $"(each needs a shorter side of at least {Options.MinSide} px after ÷{Options.Downscale.ToString(CultureInfo.InvariantCulture)} pre-downscale, and must decode): {reasons}");
    }

    private string Describe(int found)
    {
        var o = Options;
        int small = _skipped.Count(s => s.Reason.StartsWith("smaller", StringComparison.Ordinal));
        var cache = IsRotating
            ? $"rotating cache: {ResidentPhotoCount} of {_cache.Count} photos resident ({CachedMegapixels:F1} of {TotalTrainMegapixels:F1} MP{AtScales()}, {Size(CachedBytes)} of cap {Size(o.MaxCacheBytes)}), " +
              $"window moves {_cache.Stride} photo(s) every {o.RotateEveryPatches} patches{(o.Prefetch ? ", newcomers prefetched in the background" : "")}"
            : $"all {ResidentPhotoCount} training photos cached ({CachedMegapixels:F1} MP{ByScale()}, {Size(CachedBytes)} of uint8 RGB; cap {Size(o.MaxCacheBytes)})";
        var extra = o.ExtraDownscales.Count == 0 ? "" : ", training also " + string.Join(", ", o.ExtraDownscales.Select(Factor));
        return string.Create(CultureInfo.InvariantCulture,
            $"photos {Folder}: {found} found, {ExcludedFiles.Count} excluded, {small} too small, {_skipped.Count - small} unreadable; " +
            $"{TrainFiles.Count} train / {Validation.Count} validation (by file, seed {o.Seed}); pre-downscale ÷{o.Downscale}{extra}; {cache}");
    }

    /// <summary>" at ÷2, ÷3" with extra scales, else nothing (the line as before they existed).</summary>
    private string AtScales() => _cache.Scales.Count == 1 ? "" : " at " + string.Join(", ", _cache.Scales.Select(Factor));

    /// <summary>": ÷2 65.9, ÷3 29.3 (40 photos)" (the megapixels at each scale, and its photo count where some are too small), or nothing.</summary>
    private string ByScale() => _cache.Scales.Count == 1 ? "" : ": " + string.Join(", ", _cache.Scales.Select((f, s) => string.Create(CultureInfo.InvariantCulture,
        $"{Factor(f)} {_cache.ResidentBytesAt(s) / 3 / 1e6:F1}{(_cache.ResidentCountAt(s) < ResidentPhotoCount ? $" ({_cache.ResidentCountAt(s)} photos)" : "")}")));

    private static string Factor(double f) => "÷" + f.ToString(CultureInfo.InvariantCulture);

    private static string Size(long bytes) => bytes >= 1e9
        ? string.Create(CultureInfo.InvariantCulture, $"{bytes / 1e9:F2} GB")
        : string.Create(CultureInfo.InvariantCulture, $"{bytes / 1e6:F1} MB");
}
