namespace AePaint.Evaluation.Comparison;

/// <summary>A rectangle in the images' pixels.</summary>
public readonly record struct CropRect(int X, int Y, int Width, int Height);
