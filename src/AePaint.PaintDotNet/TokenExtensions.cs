using AePaint.Effects;
using PaintDotNet.Effects;
using PaintDotNet.PropertySystem;

namespace AePaint.PaintDotNet;

/// <summary>Reading a dialog control from Paint.NET's token, whose GetProperty&lt;T&gt; returns null for a missing name.</summary>
internal static class TokenExtensions
{
    /// <summary>
    /// The control named <paramref name="name"/>; a token without it (e.g. settings Paint.NET kept from another
    /// version of the effect) is a plain-word error, not a NullReferenceException.
    /// </summary>
    public static T Required<T>(this PropertyBasedEffectConfigToken token, string name)
        where T : Property =>
        token.GetProperty<T>(name)
        ?? throw new EffectException($"The effect's settings have no \"{name}\" control (they may come from another version of AePaint). Close the dialog and open the effect again.");
}
