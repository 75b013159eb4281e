using System.Security.Cryptography;

namespace AePaint.Inference.Embedding;

/// <summary>
/// A hash of an .onnx file's graph and weights that ignores its metadata_props, where the card lives: writing domain
/// embeddings or metrics into cards must not change the identity of the embedder those embeddings came from.
/// </summary>
public static class ModelFingerprint
{
    /// <summary>"sha256:" + the first 16 hex digits of SHA-256 over every top-level ModelProto field except metadata_props.</summary>
    public static string Of(ReadOnlySpan<byte> onnx)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var fields = new Cards.ProtoFieldReader(onnx);
        while (fields.Next())
        {
            if (fields.Field != Cards.ModelCardFile.MetadataPropsField)
            {
                hash.AppendData(fields.Whole);
            }
        }

        return "sha256:" + Convert.ToHexStringLower(hash.GetHashAndReset())[..16];
    }

    public static string OfFile(string path) => Of(File.ReadAllBytes(path));
}
