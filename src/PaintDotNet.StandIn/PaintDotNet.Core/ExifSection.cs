namespace PaintDotNet.Imaging;

public enum ExifSection : ushort
{
    Image = 0,
    Photo = 34665,
    Interop = 40965,
    GpsInfo = 34853,
}
