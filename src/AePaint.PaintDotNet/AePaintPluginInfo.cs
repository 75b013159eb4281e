using PaintDotNet;

namespace AePaint.PaintDotNet;

/// <summary>What Paint.NET shows in its plugin list; the version is the assembly's (raised every release).</summary>
public sealed class AePaintPluginInfo : IPluginSupportInfo
{
    public string Author => "AePaint";

    public string Copyright => "© AePaint contributors";

    public string DisplayName => "AePaint AI photo restoration";

    public Version Version => typeof(AePaintPluginInfo).Assembly.GetName().Version ?? new Version(0, 0);

    public Uri WebsiteUri => new("https://github.com/aepaint/aepaint");
}
