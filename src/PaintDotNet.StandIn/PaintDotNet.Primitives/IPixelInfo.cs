namespace PaintDotNet.Imaging;

/// <summary>Its members (BitsPerPixel, PixelFormat, ...) are static abstract in Paint.NET and unused by the glue.</summary>
public interface IPixelInfo
{
}
