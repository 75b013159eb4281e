namespace AePaint.Inference;

/// <summary>Receives finished output rows from a <see cref="TileJob"/>, top to bottom.</summary>
internal interface IRowSink
{
    void WriteRow(int row, OutputRow data);
}
