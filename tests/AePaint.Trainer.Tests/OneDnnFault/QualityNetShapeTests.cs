using System.Globalization;
using AePaint.Trainer.Nets;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace AePaint.Trainer.Tests.OneDnnFault;

/// <summary>
/// trainer/README's claim behind training the quality nets with oneDNN on a VM where its plain backward is wrong: every
/// conv shape of the two quality nets, at its training patch size (the padded edges at their training batch, the others at
/// batch 2 to keep this short) and on one thread (as the recipes train), is right in value and every gradient once the
/// trainer pads its edge convs. True on a machine where oneDNN is right
/// everywhere too; on this VM the plain edge convs' input gradients are wrong (0.3–0.9 relative), which is printed.
/// </summary>
[Collection(OneDnnSwitchCollection.Name)]
public sealed class QualityNetShapeTests(ITestOutputHelper output)
{
    [Fact]
    public void EveryConvOfTheQualityNetsIsRightWithOneDnnAndPaddedEdges()
    {
        TorchRuntime.Initialize();
        bool was = OneDnn.Enabled;
        int threads = get_num_threads();
        try
        {
            OneDnn.Enabled = true;
            set_num_threads(1);
            (string Name, int Cin, int Cout, int Kernel, int Stride, int Batch, int Size)[] shapes =
            [
                ("denoise head", 4, 32, 3, 1, 2, 64), ("denoise level 0", 32, 32, 3, 1, 2, 64), ("denoise down 0", 32, 64, 2, 2, 2, 64),
                ("denoise level 1", 64, 64, 3, 1, 2, 32), ("denoise down 1", 64, 96, 2, 2, 2, 32), ("denoise level 2", 96, 96, 3, 1, 2, 16),
                ("denoise down 2", 96, 128, 2, 2, 2, 16), ("denoise body", 128, 128, 3, 1, 2, 8), ("denoise up 2", 128, 384, 1, 1, 2, 8),
                ("denoise up 1", 96, 256, 1, 1, 2, 16), ("denoise up 0", 64, 128, 1, 1, 2, 32), ("denoise tail", 32, 3, 3, 1, 8, 64),
                ("sr head", 3, 48, 3, 1, 2, 48), ("sr body", 48, 48, 3, 1, 2, 48), ("sr to sub-pixels", 48, 12, 3, 1, 16, 48),
            ];
            foreach (var s in shapes)
            {
                int extra = AlignedConv.ExtraOutputs(s.Cout, s.Kernel);
                var padded = ConvErrors.Measure(s.Cin, s.Cout, s.Kernel, s.Stride, s.Batch, s.Size, extra: extra);
                string plain = extra == 0 ? "" : string.Create(CultureInfo.InvariantCulture, $"; unpadded input gradient {ConvErrors.Measure(s.Cin, s.Cout, s.Kernel, s.Stride, s.Batch, s.Size).Input:G2}");
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{s.Name} {s.Cin}→{s.Cout} k{s.Kernel} s{s.Stride} {s.Batch}×{s.Size}², +{extra} outputs: worst {padded.Worst:G2}{plain}"));
                Assert.True(padded.Worst <= ConvGradientCheck.Tolerance, $"{s.Name}: {padded}");
            }
        }
        finally
        {
            OneDnn.Enabled = was;
            set_num_threads(threads);
        }
    }
}
