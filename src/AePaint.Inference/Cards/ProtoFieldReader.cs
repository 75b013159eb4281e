namespace AePaint.Inference.Cards;

/// <summary>
/// Walks the fields of one protobuf message (an .onnx file is a ModelProto) without a schema: enough to find or skip
/// top-level fields such as metadata_props without reading the graph and weights into any library.
/// </summary>
internal ref struct ProtoFieldReader(ReadOnlySpan<byte> message)
{
    private readonly ReadOnlySpan<byte> _message = message;
    private int _pos;

    /// <summary>The field just read: number, wire type, its bytes from tag to end, and the payload of length-delimited fields.</summary>
    public int Field { get; private set; }

    public int WireType { get; private set; }

    public ReadOnlySpan<byte> Whole { get; private set; }

    public ReadOnlySpan<byte> Payload { get; private set; }

    /// <summary>Moves to the next field; false at the end. Throws <see cref="InvalidDataException"/> on malformed input.</summary>
    public bool Next()
    {
        if (_pos >= _message.Length)
        {
            return false;
        }

        int start = _pos;
        ulong tag = ReadVarint();
        Field = (int)(tag >> 3);
        WireType = (int)(tag & 7);
        Payload = default;
        switch (WireType)
        {
            case 0:
                ReadVarint();
                break;
            case 1:
                Skip(8);
                break;
            case 2:
                ulong len = ReadVarint();
                if (len > (ulong)(_message.Length - _pos))
                {
                    throw new InvalidDataException("not an ONNX model: a field runs past the end of the file");
                }

                Payload = _message.Slice(_pos, (int)len);
                _pos += (int)len;
                break;
            case 5:
                Skip(4);
                break;
            default:
                throw new InvalidDataException($"not an ONNX model: unsupported protobuf wire type {WireType}");
        }

        Whole = _message[start.._pos];
        return true;
    }

    private void Skip(int n)
    {
        if (n > _message.Length - _pos)
        {
            throw new InvalidDataException("not an ONNX model: truncated");
        }

        _pos += n;
    }

    private ulong ReadVarint()
    {
        ulong v = 0;
        for (int shift = 0; shift < 64; shift += 7)
        {
            if (_pos >= _message.Length)
            {
                throw new InvalidDataException("not an ONNX model: truncated varint");
            }

            byte b = _message[_pos++];
            v |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return v;
            }
        }

        throw new InvalidDataException("not an ONNX model: varint too long");
    }
}
