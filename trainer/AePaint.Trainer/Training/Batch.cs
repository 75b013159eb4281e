namespace AePaint.Trainer.Training;

/// <summary>A batch as planar float arrays: input [N, Cin, h, w] and target [N, 3, h·s, w·s].</summary>
internal sealed record Batch(float[] Input, float[] Target, int Count, int InputChannels, int Width, int Height, int Scale);
