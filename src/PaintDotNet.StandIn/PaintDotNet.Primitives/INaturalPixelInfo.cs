namespace PaintDotNet.Imaging;

public interface INaturalPixelInfo : IPixelInfo
{
}
