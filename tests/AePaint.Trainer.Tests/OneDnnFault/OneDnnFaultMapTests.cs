using System.Globalization;
using System.Text;
using Xunit.Abstractions;

namespace AePaint.Trainer.Tests.OneDnnFault;

/// <summary>Maps where float32 conv2d with oneDNN on differs from float64 on this machine.</summary>
[Collection(OneDnnSwitchCollection.Name)]
public sealed class OneDnnFaultMapTests(ITestOutputHelper output)
{
    private static readonly int[] Channels = [1, 3, 4, 8, 12, 16, 24, 32, 48, 64, 96, 128];

    [Fact]
    public void Map()
    {
        TorchRuntime.Initialize();
        bool was = OneDnn.Enabled;
        try
        {
            OneDnn.Enabled = true;
            foreach (var (k, s, t) in new[] { (3, 1, false), (1, 1, false), (3, 2, false), (2, 2, false), (1, 2, false), (2, 2, true) })
            {
                var text = new StringBuilder();
                text.AppendLine(CultureInfo.InvariantCulture, $"kernel {k} stride {s}{(t ? " transposed" : "")}: rows Cin, columns Cout; cell = input/weight/bias/output grad error class");
                text.AppendLine("Cin\\Cout " + string.Join(" ", Channels.Select(c => c.ToString(CultureInfo.InvariantCulture).PadLeft(4))));
                foreach (int cin in Channels)
                {
                    text.Append(cin.ToString(CultureInfo.InvariantCulture).PadLeft(8));
                    foreach (int cout in Channels)
                    {
                        var e = ConvErrors.Measure(cin, cout, k, s, batch: 2, size: 8, transposed: t);
                        text.Append(' ').Append(Mark(e.Input)).Append(Mark(e.Weight)).Append(Mark(e.Bias)).Append(Mark(e.Output));
                    }

                    text.AppendLine();
                }

                output.WriteLine(text.ToString());
            }
        }
        finally
        {
            OneDnn.Enabled = was;
        }
    }

    [Fact]
    public void TrainingShapes()
    {
        TorchRuntime.Initialize();
        bool was = OneDnn.Enabled;
        int threads = TorchSharp.torch.get_num_threads();
        try
        {
            OneDnn.Enabled = true;
            (string Name, int Cin, int Cout, int K, int S, int B, int Size)[] shapes =
            [
                ("dn head", 4, 32, 3, 1, 8, 64), ("dn enc0", 32, 32, 3, 1, 8, 64), ("dn down0", 32, 64, 2, 2, 8, 64),
                ("dn enc1", 64, 64, 3, 1, 8, 32), ("dn down1", 64, 96, 2, 2, 8, 32), ("dn enc2", 96, 96, 3, 1, 8, 16),
                ("dn down2", 96, 128, 2, 2, 8, 16), ("dn body", 128, 128, 3, 1, 8, 8), ("dn up2", 128, 384, 1, 1, 8, 8),
                ("dn up1", 96, 256, 1, 1, 8, 16), ("dn up0", 64, 128, 1, 1, 8, 32), ("dn tail", 32, 3, 3, 1, 8, 64),
                ("dn tail s2", 32, 3, 3, 1, 4, 128), ("sr head", 3, 48, 3, 1, 16, 24), ("sr body", 48, 48, 3, 1, 16, 24),
                ("sr subpix", 48, 12, 3, 1, 16, 24), ("sr head48", 3, 48, 3, 1, 16, 48), ("sr body48", 48, 48, 3, 1, 16, 48),
                ("sr subpix48", 48, 12, 3, 1, 16, 48), ("probe", 8, 3, 3, 1, 2, 4),
            ];
            foreach (int t in new[] { 1, 2 })
            {
                TorchSharp.torch.set_num_threads(t);
                foreach (var s in shapes)
                {
                    var plain = ConvErrors.Measure(s.Cin, s.Cout, s.K, s.S, s.B, s.Size);
                    int extra = AePaint.Trainer.Nets.AlignedConv.ExtraOutputs(s.Cout, s.K);
                    var padded = extra == 0 ? null : ConvErrors.Measure(s.Cin, s.Cout, s.K, s.S, s.B, s.Size, extra: extra);
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"threads {t} {s.Name} {s.Cin}->{s.Cout} k{s.K} s{s.S} b{s.B} {s.Size}²: plain in {plain.Input:G2} w {plain.Weight:G2} b {plain.Bias:G2} out {plain.Output:G2}{(padded is null ? "" : string.Create(CultureInfo.InvariantCulture, $"; padded +{extra}: in {padded.Input:G2} w {padded.Weight:G2} b {padded.Bias:G2} out {padded.Output:G2}"))}"));
                }
            }
        }
        finally
        {
            OneDnn.Enabled = was;
            TorchSharp.torch.set_num_threads(threads);
        }
    }

    private static char Mark(double e) => e <= 1e-4 ? '.' : double.IsFinite(e) ? 'X' : 'N';
}
