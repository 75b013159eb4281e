using System.Buffers.Binary;
using System.Text;
using AePaint.Imaging;
using AePaint.Inference.Embedding;

namespace AePaint.Effects;

/// <summary>
/// The camera ("Make Model", as <c>CameraInfo</c> names it for files) and ISO from a document's EXIF entries, for
/// Auto's camera preselection. Values are little-endian (how Paint.NET keeps EXIF values; not confirmed on
/// Windows — see README). Anything missing or malformed gives nulls, never an error.
/// </summary>
public static class ExifShot
{
    private const int Make = 0x010F, Model = 0x0110, IsoSpeed = 0x8827;
    private const int Ascii = 2, Short = 3, Long = 4;

    public static ShotInfo? From(IEnumerable<ExifEntry> entries)
    {
        string? make = null, model = null;
        int? iso = null;
        foreach (var e in entries)
        {
            if (e.Section == "Image" && e.Type == Ascii && e.Tag is Make or Model)
            {
                var text = Encoding.ASCII.GetString(e.Data).TrimEnd('\0').Trim();
                if (e.Tag == Make)
                {
                    make = text;
                }
                else
                {
                    model = text;
                }
            }
            else if (e.Section == "Photo" && e.Tag == IsoSpeed)
            {
                iso = e.Type == Short && e.Data.Length >= 2 ? BinaryPrimitives.ReadUInt16LittleEndian(e.Data)
                    : e.Type == Long && e.Data.Length >= 4 ? (int)Math.Min(int.MaxValue, BinaryPrimitives.ReadUInt32LittleEndian(e.Data))
                    : iso;
            }
        }

        var camera = CameraName.From(make, model);
        iso = iso is > 0 ? iso : null; // 0 = unknown
        return camera is null && iso is null ? null : new ShotInfo(camera, iso);
    }
}
