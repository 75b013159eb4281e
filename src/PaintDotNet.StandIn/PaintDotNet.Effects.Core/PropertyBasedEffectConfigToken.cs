using PaintDotNet.PropertySystem;

namespace PaintDotNet.Effects;

/// <summary>PropertyNames and SetPropertyValue are not modelled (unused by the glue).</summary>
public sealed class PropertyBasedEffectConfigToken : EffectConfigToken, ICloneable
{
    public PropertyBasedEffectConfigToken(PropertyCollection props) => Properties = props;

    public PropertyCollection Properties { get; }

    public override object Clone() => new PropertyBasedEffectConfigToken(Properties.CloneCore());

    public Property? GetProperty(object propertyName) => Properties[propertyName];

    public T? GetProperty<T>(object propertyName)
        where T : Property => GetProperty(propertyName) as T;
}
