namespace AePaint.Inference.Tests;

/// <summary>The one decision of how many windows run side by side on the CPU.</summary>
public sealed class CpuTuningTests
{
    private static readonly int Cores = Environment.ProcessorCount;

    [Fact]
    public void OneLanePerCoreCappedByTheTiles()
    {
        Assert.Equal(Math.Min(Cores, 16), CpuTuning.TilesSideBySide(16, null, 600_000, 12_000_000));
        Assert.Equal(1, CpuTuning.TilesSideBySide(1, null, 600_000, 600_000));
        Assert.Equal(3, CpuTuning.TilesSideBySide(3, 5, 600_000, 12_000_000));
        Assert.Equal(1, CpuTuning.TilesSideBySide(16, 1, 600_000, 12_000_000));
    }

    [Fact]
    public void LargeWindowsAndLargeImagesRunOneAtATimeUnlessAsked()
    {
        Assert.Equal(1, CpuTuning.TilesSideBySide(16, null, CpuTuning.SideBySideMaxWindowOutput + 1, 12_000_000));
        Assert.Equal(1, CpuTuning.TilesSideBySide(200, null, 600_000, CpuTuning.SideBySideMaxImageOutput + 1));
        Assert.Equal(2, CpuTuning.TilesSideBySide(200, 2, 600_000, CpuTuning.SideBySideMaxImageOutput + 1));
    }
}
