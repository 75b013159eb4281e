namespace PaintDotNet;

/// <summary>Stand-in: the type form keeps the type; Paint.NET reads the info from it (not modelled).</summary>
[AttributeUsage(AttributeTargets.Assembly | AttributeTargets.Class | AttributeTargets.Interface, AllowMultiple = false, Inherited = false)]
public class PluginSupportInfoAttribute : Attribute, IPluginSupportInfo
{
    public PluginSupportInfoAttribute()
    {
    }

    public PluginSupportInfoAttribute(string? displayName, string? author, string? copyright, Version? version, Uri? websiteUri)
    {
        DisplayName = displayName;
        Author = author;
        Copyright = copyright;
        Version = version;
        WebsiteUri = websiteUri;
    }

    public PluginSupportInfoAttribute(Type pluginSupportInfoOrProviderType) => StandInType = pluginSupportInfoOrProviderType;

    public string? Author { get; }

    public string? Copyright { get; }

    public string? DisplayName { get; }

    public Version? Version { get; }

    public Uri? WebsiteUri { get; }

    internal Type? StandInType { get; }
}
