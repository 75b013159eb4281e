namespace PaintDotNet.Imaging;

public static class ImagingFactory
{
    public static IImagingFactory CreateRef() => new StandInImagingFactory();
}
