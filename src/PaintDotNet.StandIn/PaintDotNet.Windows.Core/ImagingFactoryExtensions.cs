using PaintDotNet.Rendering;

namespace PaintDotNet.Imaging;

public static class ImagingFactoryExtensions
{
    public static IBitmap<TPixel> CreateBitmap<TPixel>(this IImagingFactory factory, SizeInt32 size)
        where TPixel : unmanaged, INaturalPixelInfo => factory.CreateBitmap<TPixel>(size.Width, size.Height);

    public static IBitmap<TPixel> CreateBitmap<TPixel>(this IImagingFactory factory, int width, int height)
        where TPixel : unmanaged, INaturalPixelInfo =>
        factory is StandInImagingFactory ? new StandInBitmap<TPixel>(width, height) : throw new NotSupportedException("compile-only stand-in");
}
