using AePaint.Imaging;

namespace AePaint.Effects;

/// <summary>What an effect needs from the host application besides pixels (Paint.NET: its services).</summary>
public interface IEffectHost
{
    /// <summary>Shows an error in plain words (the exception carries the details). Throws when the host cannot show it.</summary>
    void ShowError(EffectException error);

    /// <summary>Tells the user something that is not an error but changes what they get (e.g. the CPU was used).</summary>
    void ShowNotice(string message, string details);

    /// <summary>Puts a straight-alpha BGRA image on the clipboard; throws with the reason when it cannot.</summary>
    void SetClipboardImage(Bgra8Image image);
}
