namespace AePaint.Trainer.Degradations;

/// <summary>A degraded batch: <see cref="Data"/> is float[Count·3·Size·Size] (NCHW), <see cref="NoiseSigma255"/> one σ per patch.</summary>
public sealed record DegradedBatch(float[] Data, int Count, int Size, float[] NoiseSigma255, IReadOnlyList<DegradedPatch> Patches);
