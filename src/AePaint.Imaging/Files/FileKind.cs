namespace AePaint.Imaging.Files;

/// <summary>What a path names once every symbolic link on the way is followed.</summary>
public enum FileKind
{
    Regular,
    Directory,

    /// <summary>A device, pipe or socket: never an image to read or a place to write.</summary>
    Other,
}
