namespace AePaint.Trainer.Export;

/// <summary>How an export stores its weights (`export --weights`): auto picks float16 for large nets only.</summary>
internal enum WeightStorage
{
    Auto,
    Fp32,
    Fp16,
}
