namespace AePaint.Installer.Installing;

/// <summary>How Paint.NET is installed, which decides where its Effects folder is.</summary>
public enum PdnLayout
{
    /// <summary>Classic installer: %ProgramFiles%\paint.net\Effects (writing needs an administrator).</summary>
    Classic,

    /// <summary>Microsoft Store edition: plugins go in Documents\paint.net App Files\Effects.</summary>
    Store,

    /// <summary>--user: Documents\paint.net App Files\Effects for this user only.</summary>
    PerUser,

    /// <summary>--pdn: a portable (or any) Paint.NET folder; its own Effects subfolder.</summary>
    Portable,
}
