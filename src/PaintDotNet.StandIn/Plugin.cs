namespace PaintDotNet
{
    public interface IPluginSupportInfo
    {
        string Author { get; }

        string Copyright { get; }

        string DisplayName { get; }

        Version Version { get; }

        Uri WebsiteUri { get; }
    }

    [AttributeUsage(AttributeTargets.All, AllowMultiple = false)]
    public sealed class PluginSupportInfoAttribute : Attribute
    {
        public PluginSupportInfoAttribute(Type pluginSupportInfoOrProviderType) => PluginSupportInfoProviderType = pluginSupportInfoOrProviderType;

        public Type PluginSupportInfoProviderType { get; }
    }
}

namespace PaintDotNet.AppModel
{
    public abstract record PluginOptions;
}
