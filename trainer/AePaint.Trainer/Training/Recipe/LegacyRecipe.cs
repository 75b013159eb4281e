using System.Text.Json.Nodes;

namespace AePaint.Trainer.Training.Recipe;

/// <summary>
/// The flat recipe format of earlier trainers: each old key and its new path. Recipe files in it are refused naming
/// the new path; recipes stored by earlier runs (checkpoints, shipped cards) are nested through the same table.
/// </summary>
internal static class LegacyRecipe
{
    public static readonly IReadOnlyDictionary<string, string> Moved = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["scale"] = "network.scale",
        ["preset"] = "network.preset",
        ["initFrom"] = "network.initFrom",
        ["data"] = "data.folders",
        ["exclude"] = "data.exclude",
        ["validationFraction"] = "data.validationFraction",
        ["validationCrop"] = "data.validationCrop",
        ["preDownscale"] = "data.preDownscale",
        ["extraDownscales"] = "data.extraDownscales",
        ["patchSize"] = "data.patchSize",
        ["batchSize"] = "data.batchSize",
        ["sigmaMin"] = "degradation.noise.sigmaMin",
        ["sigmaMax"] = "degradation.noise.sigmaMax",
        ["realNoiseFraction"] = "degradation.noise.realFraction",
        ["realNoiseModel"] = "degradation.noise.realModel",
        ["calibrate"] = "degradation.noise.calibrate",
        ["calibration"] = "degradation.noise.calibration",
        ["clipFraction"] = "degradation.clipFraction",
        ["jpegFraction"] = "degradation.jpegFraction",
        ["cleanJpegFraction"] = "degradation.cleanJpegFraction",
        ["cleanJpegSigmaMax"] = "degradation.cleanJpegSigmaMax",
        ["srDegradation"] = "degradation.srInput",
        ["learningRate"] = "optimiser.learningRate",
        ["weightDecay"] = "optimiser.weightDecay",
        ["gradClip"] = "optimiser.gradClip",
        ["ema"] = "optimiser.ema",
        ["loss"] = "optimiser.loss",
        ["steps"] = "schedule.steps",
        ["minutes"] = "schedule.minutes",
        ["warmupSteps"] = "schedule.warmupSteps",
        ["minLearningRate"] = "schedule.minLearningRate",
        ["validateEvery"] = "schedule.validateEvery",
        ["checkpointEvery"] = "schedule.checkpointEvery",
        ["keepCheckpoints"] = "schedule.keepCheckpoints",
        ["earlyStopPatience"] = "schedule.earlyStopPatience",
        ["from"] = "fineTune.from",
        ["minGain"] = "fineTune.minGain",
        ["noisyOnly"] = "noisyOnly.enabled",
        ["n2nGamma"] = "noisyOnly.n2nGamma",
        ["n2nStride"] = "noisyOnly.n2nStride",
        ["syntheticNoise"] = "noisyOnly.syntheticNoise",
        ["cleanReference"] = "noisyOnly.cleanReference",
        ["threads"] = "run.threads",
        ["seed"] = "run.seed",
        ["device"] = "run.device",
    };

    /// <summary>An old flat key at the root (`data` and `noisyOnly` are sections now: flat only when not an object).</summary>
    public static bool IsFlatKey(string key, JsonNode? value) => Moved.ContainsKey(key) && !(key is "data" or "noisyOnly" && value is JsonObject);

    public static bool IsFlat(JsonObject root) => root.Any(p => IsFlatKey(p.Key, p.Value));

    /// <summary>The nested form of a flat recipe; keys outside the table (task, name, unknown ones) stay where they are.</summary>
    public static JsonObject Nest(JsonObject flat)
    {
        var nested = new JsonObject();
        foreach (var (key, value) in flat)
        {
            if (!IsFlatKey(key, value))
            {
                nested[key] = value?.DeepClone();
                continue;
            }

            var parts = Moved[key].Split('.');
            var parent = nested;
            foreach (var part in parts[..^1])
            {
                if (parent[part] is not JsonObject child)
                {
                    child = new JsonObject();
                    parent[part] = child;
                }

                parent = child;
            }

            parent[parts[^1]] = value?.DeepClone();
        }

        return nested;
    }
}
