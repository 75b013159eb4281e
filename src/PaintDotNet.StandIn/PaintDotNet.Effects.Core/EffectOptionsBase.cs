using PaintDotNet.AppModel;

namespace PaintDotNet.Effects;

public record EffectOptionsBase : PluginOptions
{
    public bool IsConfigurable { get; set; }
}
