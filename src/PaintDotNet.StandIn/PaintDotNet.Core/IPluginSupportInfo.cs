namespace PaintDotNet;

public interface IPluginSupportInfo
{
    string? Author { get; }

    string? Copyright { get; }

    string? DisplayName { get; }

    Version? Version { get; }

    Uri? WebsiteUri { get; }
}
