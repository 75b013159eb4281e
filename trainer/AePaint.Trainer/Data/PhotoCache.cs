using System.Diagnostics;
using System.Globalization;
using AePaint.ImageFiles;

namespace AePaint.Trainer.Data;

/// <summary>
/// The training photos' pixels: all resident when they fit the cap, otherwise a rotating window over a seeded ring
/// (see <see cref="PhotoDataset"/>), with the next window's newcomers decoded on a background thread. A photo is
/// held at every factor of <see cref="PhotoDatasetOptions.Scales"/> it is large enough for; the cap and the window
/// count all of them.
/// </summary>
internal sealed class PhotoCache
{
    private readonly Entry[] _entries;
    private readonly int[] _ring;
    private readonly PhotoDatasetOptions _options;
    private readonly Action<string, string> _skip;
    private readonly string _folder;
    private readonly long _windowBudget;
    private readonly double[] _scales;
    private List<int> _resident = [];
    private List<int>[] _residentAt;
    private double[] _scaleShare = [];
    private Prefetch? _prefetch;

    /// <param name="photos">Each photo's uint8 RGB bytes at each of the options' scales, from its header (0: too small there).</param>
    public PhotoCache(IReadOnlyList<(string Path, long[] ScaleBytes)> photos, PhotoDatasetOptions options, Action<string, string> skip, string folder)
    {
        _entries = photos.Select(p => new Entry(p.Path, p.ScaleBytes)).ToArray();
        _scales = [.. options.Scales];
        _residentAt = [.. _scales.Select(_ => new List<int>())];
        _options = options;
        _skip = skip;
        _folder = folder;
        TotalBytes = _entries.Sum(e => e.Bytes);
        IsRotating = TotalBytes > options.MaxCacheBytes;

        // A rotating window gets cap/(1+f), the next window's newcomers being prefetched the rest, so both fit the
        // cap. Same budget without prefetch, so switching it does not change which photos are used.
        _windowBudget = IsRotating ? (long)(options.MaxCacheBytes / (1 + options.RotationFraction)) : options.MaxCacheBytes;
        _ring = Enumerable.Range(0, _entries.Length).ToArray();
        if (IsRotating)
        {
            new Random(options.Seed).Shuffle(_ring); // mix folders, so a window is not one wallpaper pack
        }

        Stride = Math.Max(1, (int)(WindowOf(0).Count * options.RotationFraction));
        Window = -1;
    }

    public bool IsRotating { get; }

    /// <summary>Photos the window moves by.</summary>
    public int Stride { get; }

    public long TotalBytes { get; }

    public long Window { get; private set; }

    public int ResidentCount => _resident.Count;

    public long ResidentBytes => _resident.Sum(i => _entries[i].Photos!.Sum(p => p?.Rgb.LongLength ?? 0));

    /// <summary>The factors photos are held at, the base first.</summary>
    public IReadOnlyList<double> Scales => _scales;

    /// <summary>Resident photos held at scale <paramref name="s"/> (an index into <see cref="Scales"/>).</summary>
    public int ResidentCountAt(int s) => _residentAt[s].Count;

    public long ResidentBytesAt(int s) => _residentAt[s].Sum(i => _entries[i].Photos![s]!.Rgb.LongLength);

    public IEnumerable<string> UsablePaths => _entries.Where(e => !e.Failed).Select(e => e.Path);

    public int Count => _entries.Length;

    /// <summary>The <paramref name="k"/>-th resident photo held at scale <paramref name="s"/>.</summary>
    public (string Path, RgbPhoto Photo) Resident(int s, int k) => (_entries[_residentAt[s][k]].Path, _entries[_residentAt[s][k]].Photos![s]!);

    /// <summary>The scale for a uniform <paramref name="u"/> in [0, 1): each with the share of the resident pixels it holds.</summary>
    public int PickScale(double u)
    {
        int last = 0;
        for (int s = 0; s < _scaleShare.Length; s++)
        {
            if (_scaleShare[s] > 0)
            {
                last = s; // where rounding leaves u past every share: never a scale no resident photo has
                if (u < _scaleShare[s])
                {
                    return s;
                }

                u -= _scaleShare[s];
            }
        }

        return last;
    }

    /// <summary>Decodes in parallel; failures are reported in file order, so logs do not depend on thread timing.</summary>
    public static RgbPhoto?[] DecodeAll(IReadOnlyList<string> files, PhotoDatasetOptions options, Action<string, string> skip)
    {
        var results = new (RgbPhoto?[]? Photos, string? Error)[files.Count];
        Parallel.For(0, files.Count, new ParallelOptions { MaxDegreeOfParallelism = options.MaxParallelDecodes }, i => results[i] = Decode(files[i], options, [options.Downscale]));
        for (int i = 0; i < files.Count; i++)
        {
            if (results[i].Error is { } error)
            {
                skip(files[i], error);
            }
        }

        return results.Select(r => r.Photos?[0]).ToArray();
    }

    /// <summary>Makes window <paramref name="r"/> resident (0 when not rotating) and starts decoding the next one's newcomers.</summary>
    public void Load(long r)
    {
        var clock = Stopwatch.StartNew();
        var window = WindowOf(r);
        var inWindow = window.ToHashSet();
        foreach (var i in _resident.Where(i => !inWindow.Contains(i)))
        {
            _entries[i].Photos = null; // evict before decoding, so the peak stays within the cap
        }

        // Newcomers decoded in the background for exactly this window are taken as they are; the rest now.
        var early = new Dictionary<int, (RgbPhoto?[]? Photos, string? Error)>();
        if (_prefetch is { } p)
        {
            _prefetch = null;
            if (p.Window == r)
            {
                early = p.Task.GetAwaiter().GetResult();
            }
            else
            {
                p.Cancel.Cancel(); // a jump (resume): the decoded photos are not wanted
            }

            p.Cancel.Dispose();
        }

        var load = window.Where(i => _entries[i].Photos is null && !_entries[i].Failed).ToList();
        var now = load.Where(i => !early.ContainsKey(i)).ToList();
        var decoded = new Dictionary<int, (RgbPhoto?[]? Photos, string? Error)>(early);
        var results = new (RgbPhoto?[]? Photos, string? Error)[now.Count];
        Parallel.For(0, now.Count, new ParallelOptions { MaxDegreeOfParallelism = _options.MaxParallelDecodes }, k => results[k] = Decode(_entries[now[k]].Path, _options, _scales));
        for (int k = 0; k < now.Count; k++)
        {
            decoded[now[k]] = results[k];
        }

        foreach (var i in load)
        {
            var (photos, error) = decoded[i];
            _entries[i].Photos = photos;
            _entries[i].Failed = photos is null;
            if (error != null)
            {
                _skip(_entries[i].Path, error);
            }
        }

        _resident = window.Where(i => _entries[i].Photos is not null).ToList();
        _residentAt = [.. _scales.Select((_, s) => _resident.Where(i => _entries[i].Photos![s] is not null).ToList())];
        var bytesAt = _scales.Select((_, s) => (double)ResidentBytesAt(s)).ToArray();
        _scaleShare = [.. bytesAt.Select(b => b / bytesAt.Sum())];
        Window = r;
        if (_resident.Count == 0)
        {
            var names = string.Join("; ", window.Select(i => _entries[i].Path));
            throw new InvalidDataException(_entries.All(e => e.Failed)
                ? $"None of the {_entries.Length} training photos in {_folder} could be read: {names}"
                : $"None of the {window.Count} training photos in cache window {r} of {_folder} could be read: {names}");
        }

        if (IsRotating && r > 0)
        {
            _options.Log?.Invoke(string.Create(CultureInfo.InvariantCulture,
                $"photo cache: window {r} ({_resident.Count} photos, {ResidentBytes / 3 / 1e6:F1} MP): {load.Count - now.Count} prefetched, {now.Count} decoded in {clock.Elapsed.TotalSeconds:F1} s"));
        }

        if (IsRotating && _options.Prefetch)
        {
            StartPrefetch(r + 1, inWindow);
        }
    }

    /// <summary>Window r of the ring: consecutive photos from r·stride while they fit the budget (at least one); everything when not rotating.</summary>
    private List<int> WindowOf(long r)
    {
        int n = _ring.Length;
        int start = IsRotating ? (int)(r * (long)Stride % n) : 0;
        var window = new List<int>();
        long bytes = 0;
        for (int k = 0; k < n; k++)
        {
            int i = _ring[(start + k) % n];
            if (IsRotating && window.Count > 0 && bytes + _entries[i].Bytes > _windowBudget)
            {
                break;
            }

            window.Add(i);
            bytes += _entries[i].Bytes;
        }

        return window;
    }

    private void StartPrefetch(long next, HashSet<int> current)
    {
        long room = _options.MaxCacheBytes - _windowBudget, used = 0;
        var wanted = new List<int>();
        foreach (var i in WindowOf(next).Where(i => !current.Contains(i) && !_entries[i].Failed))
        {
            if (used + _entries[i].Bytes > room)
            {
                continue; // too big for what is left: decoded at the switch instead
            }

            wanted.Add(i);
            used += _entries[i].Bytes;
        }

        var cancel = new CancellationTokenSource();
        var token = cancel.Token;
        var paths = wanted.Select(i => _entries[i].Path).ToArray();

        // One background thread: the training step keeps the other cores.
        var task = Task.Factory.StartNew(
            () =>
            {
                var done = new Dictionary<int, (RgbPhoto?[]? Photos, string? Error)>();
                for (int k = 0; k < paths.Length && !token.IsCancellationRequested; k++)
                {
                    done[wanted[k]] = Decode(paths[k], _options, _scales);
                }

                return done;
            },
            token,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);
        _prefetch = new Prefetch(next, task, cancel);
    }

    /// <summary>The photo at each of <paramref name="scales"/> (the base first, which must be large enough; a smaller extra scale is left null).</summary>
    private static (RgbPhoto?[]? Photos, string? Error) Decode(string path, PhotoDatasetOptions options, double[] scales)
    {
        try
        {
            RgbPhoto?[] photos = RgbPhoto.Load(path, scales);
            var photo = photos[0]!;
            if (Math.Min(photo.Width, photo.Height) < options.MinSide)
            {
                return (null, $"decoded smaller than its header said ({photo.Width}×{photo.Height})");
            }

            for (int s = 0; s < photos.Length; s++)
            {
                var p = photos[s]!;
                if (s > 0 && Math.Min(p.Width, p.Height) < options.MinSide)
                {
                    photos[s] = null;
                    continue;
                }

                p.NoiseSigma = options.PhotoSigma?.Invoke(path, p) ?? float.NaN;
            }

            return (photos, null);
        }
        catch (ImageFileException e)
        {
            return (null, "unreadable: " + e.Problem);
        }
        catch (OutOfMemoryException)
        {
            return (null, "not enough memory to decode it");
        }
    }

    private sealed record Prefetch(long Window, Task<Dictionary<int, (RgbPhoto?[]? Photos, string? Error)>> Task, CancellationTokenSource Cancel);

    private sealed class Entry(string path, long[] scaleBytes)
    {
        public string Path { get; } = path;

        /// <summary>uint8 RGB bytes at all its scales, from the header (what the cap counts).</summary>
        public long Bytes { get; } = scaleBytes.Sum();

        /// <summary>The photo at each scale (null where too small); null when not resident.</summary>
        public RgbPhoto?[]? Photos { get; set; }

        public bool Failed { get; set; }
    }
}
