using System.Drawing;
using PaintDotNet.Imaging;
using PaintDotNet.IndirectUI;
using PaintDotNet.PropertySystem;

namespace PaintDotNet.Effects;

/// <summary>OnCreateConfigForm and OnCustomizeConfigUIWindowProperties are not modelled (the glue overrides neither).</summary>
public abstract class PropertyBasedBitmapEffect : BitmapEffect<PropertyBasedEffectConfigToken>
{
    protected PropertyBasedBitmapEffect(string name, IBitmapSource image, string? submenuName, BitmapEffectOptions options)
        : base(name, image, submenuName, options)
    {
    }

    protected PropertyBasedBitmapEffect(string name, Image image, string? submenuName, BitmapEffectOptions options)
        : base(name, image, submenuName, options)
    {
    }

    protected PropertyBasedBitmapEffect(string name, string? submenuName, BitmapEffectOptions options)
        : base(name, submenuName, options)
    {
    }

    public static ControlInfo CreateDefaultConfigUI(IEnumerable<Property> props) => ControlInfo.StandInCreate(props);

    public ControlInfo CreateConfigUI(PropertyCollection props) => OnCreateConfigUI(props);

    public PropertyCollection CreatePropertyCollection() => OnCreatePropertyCollection();

    protected abstract PropertyCollection OnCreatePropertyCollection();

    protected virtual ControlInfo OnCreateConfigUI(PropertyCollection props) => CreateDefaultConfigUI(props);

    internal ControlInfo StandInCreateConfigUI(PropertyCollection props) => OnCreateConfigUI(props);
}
