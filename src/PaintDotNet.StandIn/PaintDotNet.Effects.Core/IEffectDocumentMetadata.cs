using PaintDotNet.Imaging;

namespace PaintDotNet.Effects;

/// <summary>IptcPropertyItems and XmpPacket are not modelled (unused by the glue).</summary>
public interface IEffectDocumentMetadata
{
    IReadOnlyList<ExifPropertyItem> ExifPropertyItems { get; }
}
