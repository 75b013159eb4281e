namespace AePaint.ImageFiles;

/// <summary>EXIF orientation (tag 0x0112): how the stored pixels must be turned to look upright.</summary>
public enum ExifOrientation
{
    Normal = 1,
    MirrorHorizontal = 2,
    Rotate180 = 3,
    MirrorVertical = 4,
    Transpose = 5,
    Rotate90 = 6,
    Transverse = 7,
    Rotate270 = 8,
}
