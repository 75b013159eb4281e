namespace AePaint.Inference;

public enum CardSource
{
    Embedded,
    Sidecar,
}
