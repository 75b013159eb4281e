using System.Security.Cryptography;

namespace AePaint.Inference.Embedding;

/// <summary>
/// A hash of an .onnx file's graph and weights that ignores its metadata_props, where the card lives: writing domain
/// embeddings or metrics into cards must not change the identity of the embedder those embeddings came from.
/// </summary>
public static class ModelFingerprint
{
    private const int MetadataPropsField = 14; // ModelProto.metadata_props in onnx.proto

    /// <summary>"sha256:" + the first 16 hex digits of SHA-256 over every top-level ModelProto field except metadata_props.</summary>
    public static string Of(ReadOnlySpan<byte> onnx)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        int pos = 0;
        while (pos < onnx.Length)
        {
            int start = pos;
            ulong tag = ReadVarint(onnx, ref pos);
            int field = (int)(tag >> 3);
            switch ((int)(tag & 7))
            {
                case 0:
                    ReadVarint(onnx, ref pos);
                    break;
                case 1:
                    pos += 8;
                    break;
                case 2:
                    ulong len = ReadVarint(onnx, ref pos);
                    if (len > (ulong)(onnx.Length - pos))
                    {
                        throw new InvalidDataException("not an ONNX model: a field runs past the end of the file");
                    }

                    pos += (int)len;
                    break;
                case 5:
                    pos += 4;
                    break;
                default:
                    throw new InvalidDataException($"not an ONNX model: unsupported protobuf wire type {tag & 7}");
            }

            if (pos > onnx.Length)
            {
                throw new InvalidDataException("not an ONNX model: truncated");
            }

            if (field != MetadataPropsField)
            {
                hash.AppendData(onnx[start..pos]);
            }
        }

        return "sha256:" + Convert.ToHexStringLower(hash.GetHashAndReset())[..16];
    }

    public static string OfFile(string path) => Of(File.ReadAllBytes(path));

    private static ulong ReadVarint(ReadOnlySpan<byte> s, ref int pos)
    {
        ulong v = 0;
        for (int shift = 0; shift < 64; shift += 7)
        {
            if (pos >= s.Length)
            {
                throw new InvalidDataException("not an ONNX model: truncated varint");
            }

            byte b = s[pos++];
            v |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return v;
            }
        }

        throw new InvalidDataException("not an ONNX model: varint too long");
    }
}
