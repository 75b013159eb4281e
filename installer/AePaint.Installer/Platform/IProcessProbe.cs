namespace AePaint.Installer.Platform;

/// <summary>Is Paint.NET running? Behind an interface so tests can say "yes".</summary>
public interface IProcessProbe
{
    /// <summary>Descriptions (name and id) of running Paint.NET processes; empty when none.</summary>
    IReadOnlyList<string> RunningPaintDotNet();
}
