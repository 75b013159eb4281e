using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using AePaint.Imaging.Files;
using AePaint.Trainer.Nets;
using TorchSharp.Modules;

namespace AePaint.Trainer.Training;

/// <summary>
/// One point on the training curve. ValidationLoss: the self-supervised loss on held-out noisy photos (noisy-only);
/// BaseScore: the fine-tune base's hold-out score (PSNR, or the negated self-supervised loss) on the same crops.
/// </summary>
internal sealed record CurvePoint(long Step, double Loss, double LearningRate, double? ValidationPsnr = null, double? ValidationSsim = null, double? ValidationLoss = null, double? BaseScore = null);

/// <summary>Everything besides tensors that resuming needs.</summary>
internal sealed record CheckpointState
{
    public long Step { get; init; }

    /// <summary>Best hold-out score so far (see <see cref="ValidationResult.Score"/>); a fine-tune starts at its base's.</summary>
    [System.Text.Json.Serialization.JsonPropertyName("BestPsnr")] // the name older checkpoints use
    public double BestScore { get; init; } = double.NegativeInfinity;

    /// <summary>The step of the best hold-out score (0: none yet, or a fine-tune that has not beaten its base).</summary>
    public long BestStep { get; init; }

    /// <summary>Validations since the best one, for the early stop.</summary>
    public int SinceBest { get; init; }

    /// <summary>The fine-tune base's hold-out result, measured once (fixed crops and noise: it cannot change).</summary>
    public ValidationResult? Base { get; init; }

    public double ElapsedSeconds { get; init; }

    public required string OptionsJson { get; init; }

    public List<CurvePoint> Curve { get; init; } = [];
}

/// <summary>
/// Checkpoint files: state JSON, then module weights and AdamW moments as one payload with its length and SHA-256,
/// written through <see cref="AtomicFile"/>, so a crash never leaves a half checkpoint under a checkpoint's name and
/// a damaged one (truncated copy, flipped bits of the right length) is refused on load instead of training on.
/// Format 1 files (no checksum) still load. The run folder keeps the last K step files plus best.ckpt.
/// </summary>
internal static class Checkpoint
{
    private const string Magic = "AEPAINT-CKPT-2";
    private const string MagicWithoutChecksum = "AEPAINT-CKPT-1";

    // BestPsnr starts at -∞ and validation may be NaN before the first score.
    private static readonly JsonSerializerOptions Json = new() { NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals };

    public static string Folder(string runDir) => Path.Combine(runDir, "checkpoints");

    public static string Save(string runDir, CheckpointState state, TrainableNet net, AdamW optimizer, int keep, bool best)
    {
        var dir = Folder(runDir);
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, $"step-{state.Step:D8}.ckpt");
        Write(path, state, net, optimizer);
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

    public static CheckpointState Load(string path, TrainableNet? net, AdamW? optimizer)
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
                net.Module.load(tensors);
                if (optimizer != null)
                {
                    optimizer.load_state_dict(tensors);
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

    private static void Write(string path, CheckpointState state, TrainableNet net, AdamW optimizer)
    {
        using var payload = new MemoryStream();
        using (var tensors = new BinaryWriter(payload, Encoding.UTF8, leaveOpen: true))
        {
            net.Module.save(tensors);
            optimizer.save_state_dict(tensors);
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
