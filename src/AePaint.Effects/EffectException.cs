namespace AePaint.Effects;

/// <summary>A failure with a message for the photographer (shown by the host's error dialog); Inner has the details.</summary>
public sealed class EffectException : Exception
{
    public EffectException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }
}
