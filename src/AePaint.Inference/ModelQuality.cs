namespace AePaint.Inference;

/// <summary>Which model of a task's <see cref="ModelPair"/> to run: the fast one (the default) or the quality one.</summary>
public enum ModelQuality
{
    Fast,
    Best,
}
