using PaintDotNet.ComponentModel;

namespace PaintDotNet.Imaging;

/// <summary>Stand-in only: a managed factory so tests can see the bitmaps the glue makes (icons, clipboard).</summary>
internal sealed class StandInImagingFactory : RefTrackedObject, IImagingFactory
{
}
