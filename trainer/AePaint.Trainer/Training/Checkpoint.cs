using System.Text;
using System.Text.Json;
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
/// Checkpoint files: state JSON, module weights and AdamW moments in one file, written to a temp name and renamed,
/// so a crash never leaves a half checkpoint. The run folder keeps the last K step files plus best.ckpt.
/// </summary>
internal static class Checkpoint
{
    private const string Magic = "AEPAINT-CKPT-1";

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
            File.Copy(path, Path.Combine(dir, "best.ckpt.tmp"), overwrite: true);
            File.Move(Path.Combine(dir, "best.ckpt.tmp"), Path.Combine(dir, "best.ckpt"), overwrite: true);
        }

        foreach (var old in StepFiles(runDir).SkipLast(keep))
        {
            File.Delete(old);
        }

        return path;
    }

    /// <summary>The newest step checkpoint of a run, or null.</summary>
    public static string? Latest(string runDir) => StepFiles(runDir).LastOrDefault();

    public static CheckpointState Load(string path, TrainableNet? net, AdamW? optimizer)
    {
        try
        {
            using var stream = File.OpenRead(path);
            using var reader = new BinaryReader(stream, Encoding.UTF8);
            if (reader.ReadString() != Magic)
            {
                throw new TrainerException($"{path}: not an AePaint training checkpoint");
            }

            var state = JsonSerializer.Deserialize<CheckpointState>(reader.ReadString(), Json) ?? throw new TrainerException($"{path}: empty checkpoint state");
            if (net != null)
            {
                net.Module.load(reader);
                if (optimizer != null)
                {
                    optimizer.load_state_dict(reader);
                }
            }

            return state;
        }
        catch (Exception e) when (e is EndOfStreamException or IOException or JsonException or ArgumentException or InvalidDataException)
        {
            throw new TrainerException($"{path}: cannot read checkpoint ({e.Message})", e);
        }
    }

    private static void Write(string path, CheckpointState state, TrainableNet net, AdamW optimizer)
    {
        var tmp = path + ".tmp";
        try
        {
            using (var stream = File.Create(tmp))
            using (var writer = new BinaryWriter(stream, Encoding.UTF8))
            {
                writer.Write(Magic);
                writer.Write(JsonSerializer.Serialize(state, Json));
                net.Module.save(writer);
                optimizer.save_state_dict(writer);
                writer.Flush();
                stream.Flush(flushToDisk: true);
            }

            File.Move(tmp, path, overwrite: true);
        }
        finally
        {
            File.Delete(tmp);
        }
    }

    private static IEnumerable<string> StepFiles(string runDir)
    {
        var dir = Folder(runDir);
        return Directory.Exists(dir)
            ? Directory.GetFiles(dir, "step-*.ckpt").Order(StringComparer.Ordinal)
            : [];
    }
}
