namespace AePaint.Trainer.Training.Recipe;

/// <summary>`network`: which net is trained and where its first weights come from.</summary>
internal sealed record NetworkSection
{
    /// <summary>A preset of the task (`aepaint-train presets`): tiny, small, base, quality.</summary>
    public string Preset { get; init; } = "tiny";

    /// <summary>1 for denoise; the SR factor 2..4 for sr.</summary>
    public int Scale { get; init; } = 1;

    /// <summary>Start from this checkpoint's weights (a stage-2 run); null = fresh, seeded initialisation.</summary>
    public string? InitFrom { get; init; }

    public void Check(RecipeProblems p, string task)
    {
        var presets = task == "sr" ? Nets.NetPreset.SuperResolution : Nets.NetPreset.Denoise;
        p.OneOf("preset", Preset, [.. presets.Keys]);
        if (task == "sr")
        {
            p.Range("scale", Scale, 2, 4, " for sr");
        }
        else
        {
            p.Range("scale", Scale, 1, 1, " for denoise");
        }
    }
}
