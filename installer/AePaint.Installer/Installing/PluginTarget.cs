namespace AePaint.Installer.Installing;

/// <summary>Where the plugin goes: Effects\AePaint.</summary>
public sealed record PluginTarget(PdnLayout Layout, string EffectsFolder)
{
    public const string FolderName = "AePaint";

    public string PluginFolder => Path.Combine(EffectsFolder, FolderName);

    public string Describe() => Layout switch
    {
        PdnLayout.Classic => $"Paint.NET Classic ({EffectsFolder})",
        PdnLayout.Store => $"Paint.NET from the Microsoft Store ({EffectsFolder})",
        PdnLayout.PerUser => $"this user's Paint.NET plugins ({EffectsFolder})",
        _ => $"Paint.NET in {Path.GetDirectoryName(EffectsFolder)} ({EffectsFolder})",
    };
}
