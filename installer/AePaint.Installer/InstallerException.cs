namespace AePaint.Installer;

/// <summary>A refusal or failure reported to the user as one plain message and exit code 1.</summary>
public sealed class InstallerException(string message, Exception? inner = null) : Exception(message, inner);
