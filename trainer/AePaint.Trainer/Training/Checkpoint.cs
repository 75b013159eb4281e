using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using AePaint.Imaging.Files;
using AePaint.Trainer.Nets;

namespace AePaint.Trainer.Training;

/// <summary>
/// Checkpoint files: state JSON, then module weights, the EMA weights (when the run keeps an average) and AdamW
/// moments as one payload with its length and SHA-256, written through <see cref="AtomicFile"/>, so a crash never
/// leaves a half checkpoint under a checkpoint's name and a damaged one (truncated copy, flipped bits of the right
/// length) is refused on load instead of training on. Format 1 files (no checksum) still load. The run folder keeps
/// the last K step files plus best.ckpt. A snapshot (<see cref="WriteSnapshot"/>) is the small form committed to the
/// repository: float16 weights and EMA, no AdamW moments.
/// </summary>
internal static class Checkpoint
{
    private const string Magic = "AEPAINT-CKPT-2";
    private const string MagicWithoutChecksum = "AEPAINT-CKPT-1";

    // BestPsnr starts at -∞ and validation may be NaN before the first score.
    private static readonly JsonSerializerOptions Json = new() { NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals };

    public static string Folder(string runDir) => Path.Combine(runDir, "checkpoints");

    public static string Save(string runDir, CheckpointState state, TrainableNet net, AdamW optimizer, int keep, bool best, TrainableNet? ema = null) =>
        Save(runDir, state, net, optimizer.Save, keep, best, ema);

    /// <summary>A step checkpoint whose optimizer state <paramref name="writeMoments"/> writes (AdamW's; a test writes TorchSharp's, as files from before our own AdamW hold).</summary>
    internal static string Save(string runDir, CheckpointState state, TrainableNet net, Action<BinaryWriter> writeMoments, int keep, bool best, TrainableNet? ema = null)
    {
        var dir = Folder(runDir);
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, $"step-{state.Step:D8}.ckpt");
        Write(path, state with { HasEma = ema != null, HasOptimizer = true, Snapshot = false }, w =>
        {
            ChannelsLast.WhileContiguous(net.Module, () => net.Module.save(w));
            if (ema != null)
            {
                WeightBlock.Write(w, ema.Module, half: false);
            }

            writeMoments(w);
        });
        if (best)
        {
            AtomicFile.Write(Path.Combine(dir, "best.ckpt"), s =>
            {
                using var source = File.OpenRead(path);
                source.CopyTo(s);
            }, replace: true);
        }

        foreach (var old in StepFiles(runDir).SkipLast(keep))
        {
            File.Delete(old);
        }

        return path;
    }

    /// <summary>The newest step checkpoint of a run, or null.</summary>
    public static string? Latest(string runDir) => StepFiles(runDir).LastOrDefault();

    /// <summary>
    /// The newest step checkpoint that reads back whole (checksum included), for --resume. Each damaged newer one is
    /// named on <paramref name="log"/>; when none is readable the error names them all.
    /// </summary>
    public static string LatestReadable(string runDir, TextWriter log)
    {
        AtomicFile.CleanStale(Folder(runDir));
        var problems = new List<string>();
        foreach (var path in StepFiles(runDir).Reverse())
        {
            try
            {
                Load(path, null, null);
                return path;
            }
            catch (TrainerException e)
            {
                problems.Add(e.Message);
                log.WriteLine($"warning: {e.Message}; trying the checkpoint before it");
            }
        }

        throw new TrainerException(problems.Count == 0
            ? $"{runDir}: nothing to resume (no checkpoints)"
            : $"{runDir}: no readable checkpoint to resume from: {string.Join("; ", problems)}");
    }

    /// <summary>
    /// Reads the state and, when <paramref name="net"/> is given, the weights; <paramref name="ema"/> gets the EMA
    /// (left alone when the file has none: the caller decides), <paramref name="optimizer"/> the moments when the file
    /// has them. The EMA may be loaded into <paramref name="net"/> itself (see <see cref="LoadInferenceWeights"/>).
    /// </summary>
    public static CheckpointState Load(string path, TrainableNet? net, AdamW? optimizer, TrainableNet? ema = null)
    {
        try
        {
            using var stream = File.OpenRead(path);
            using var reader = new BinaryReader(stream, Encoding.UTF8);
            var magic = reader.ReadString();
            if (magic is not (Magic or MagicWithoutChecksum))
            {
                throw new TrainerException($"{path}: not an AePaint training checkpoint");
            }

            var state = JsonSerializer.Deserialize<CheckpointState>(reader.ReadString(), Json) ?? throw new TrainerException($"{path}: empty checkpoint state");
            var tensors = magic == Magic ? VerifiedPayload(path, reader, stream) : reader;
            if (net != null)
            {
                if (state.Snapshot)
                {
                    WeightBlock.Read(tensors, net.Module, path);
                }
                else
                {
                    ChannelsLast.WhileContiguous(net.Module, () => net.Module.load(tensors));
                }

                if (state.HasEma)
                {
                    WeightBlock.Read(tensors, ema?.Module, path);
                }

                if (optimizer != null && state.HasOptimizer)
                {
                    optimizer.Load(tensors);
                }
            }

            return state;
        }
        catch (Exception e) when (e is EndOfStreamException or IOException or JsonException or ArgumentException or InvalidDataException)
        {
            throw new TrainerException($"{path}: cannot read checkpoint ({e.Message})", e);
        }
    }

    /// <summary>Reads the payload whole and checks its length and SHA-256 before a single tensor is loaded from it.</summary>
    private static BinaryReader VerifiedPayload(string path, BinaryReader reader, Stream stream)
    {
        var length = reader.ReadInt64();
        var expected = reader.ReadBytes(SHA256.HashSizeInBytes);
        var remaining = stream.Length - stream.Position;
        if (length < 0 || length != remaining || length > Array.MaxLength)
        {
            throw new TrainerException($"{path}: checkpoint is truncated or padded: its weights should be {length} bytes, the file holds {remaining} (killed while copying?)");
        }

        var payload = reader.ReadBytes((int)length);
        if (!SHA256.HashData(payload).AsSpan().SequenceEqual(expected))
        {
            throw new TrainerException($"{path}: checkpoint is corrupt: its weights fail their SHA-256 check");
        }

        return new BinaryReader(new MemoryStream(payload, writable: false), Encoding.UTF8);
    }

    /// <summary>The weights to run or build on: the EMA when the checkpoint has one (what validation scored), else the trained weights.</summary>
    public static CheckpointState LoadInferenceWeights(string path, TrainableNet net) => Load(path, net, null, ema: net);

    /// <summary>
    /// Writes the committable form of a checkpoint: state, float16 weights and EMA, no AdamW moments (they are twice
    /// the weights' size and rebuild within ~1/(1 − β₂) = 1000 steps; the learning rate re-warms meanwhile).
    /// </summary>
    public static CheckpointState WriteSnapshot(string source, string destination)
    {
        var state = Load(source, null, null);
        var options = TrainOptions.FromStored(state.OptionsJson, source);
        var task = options.Task == "denoise" ? Inference.Cards.ModelTask.Denoise : Inference.Cards.ModelTask.SuperResolution;
        TorchRuntime.Initialize();
        using var net = TrainableNet.Create(task, options.Network.Preset, options.Network.Scale, options.Run.Seed);
        using var ema = state.HasEma ? TrainableNet.Create(task, options.Network.Preset, options.Network.Scale, options.Run.Seed) : null;
        Load(source, net, null, ema);
        var snapshot = state with { Snapshot = true, HasOptimizer = false, HasEma = ema != null, Curve = ThinCurve(state.Curve, SnapshotCurveEvery) };
        Write(destination, snapshot, w =>
        {
            WeightBlock.Write(w, net.Module, half: true);
            if (ema != null)
            {
                WeightBlock.Write(w, ema.Module, half: true);
            }
        });
        return snapshot;
    }

    /// <summary>A snapshot keeps one loss point per this many steps (their mean) and every validation point.</summary>
    public const int SnapshotCurveEvery = 100;

    /// <summary>
    /// The curve with the training loss averaged over blocks of <paramref name="every"/> steps (one point at each
    /// block's last step) and every validated point kept: 100,000 steps of per-step points are ≈ 13 MB of JSON.
    /// </summary>
    public static List<CurvePoint> ThinCurve(List<CurvePoint> curve, int every)
    {
        var thin = new List<CurvePoint>();
        foreach (var block in curve.GroupBy(p => (p.Step - 1) / every))
        {
            var points = block.ToList();
            var mean = points.Average(p => p.Loss);
            foreach (var p in points)
            {
                bool validated = p.ValidationPsnr != null || p.ValidationLoss != null || p.BaseScore != null;
                if (validated || ReferenceEquals(p, points[^1]))
                {
                    thin.Add(ReferenceEquals(p, points[^1]) ? p with { Loss = mean } : p);
                }
            }
        }

        return thin;
    }

    private static void Write(string path, CheckpointState state, Action<BinaryWriter> tensors)
    {
        using var payload = new MemoryStream();
        using (var payloadWriter = new BinaryWriter(payload, Encoding.UTF8, leaveOpen: true))
        {
            tensors(payloadWriter);
        }

        var length = (int)payload.Length;
        var hash = SHA256.HashData(payload.GetBuffer().AsSpan(0, length));
        AtomicFile.Write(path, s =>
        {
            using var writer = new BinaryWriter(s, Encoding.UTF8, leaveOpen: true);
            writer.Write(Magic);
            writer.Write(JsonSerializer.Serialize(state, Json));
            writer.Write((long)length);
            writer.Write(hash);
            writer.Write(payload.GetBuffer(), 0, length);
        }, replace: true);
    }

    private static IEnumerable<string> StepFiles(string runDir)
    {
        var dir = Folder(runDir);
        return Directory.Exists(dir)
            ? Directory.GetFiles(dir, "step-*.ckpt").Order(StringComparer.Ordinal)
            : [];
    }
}
