using System.Globalization;
using AePaint.Trainer.Nets;
using AePaint.Trainer.Training;

namespace AePaint.Trainer.Cli;

/// <summary>
/// `bench --layout-check`: <see cref="NetGradientCheck.RelativeError"/> of one net in both memory layouts (NCHW as
/// trained today, channels-last) on each conv path the start-up decision can choose, so a faster layout is also seen to
/// be right on this CPU. Leaves ATen's switch and <see cref="AlignedConv.Enabled"/> as it found them.
/// </summary>
internal static class LayoutCheck
{
    /// <summary>The paths, the one the faulty kernels make most dangerous (plain oneDNN, which may read memory it does not own) last.</summary>
    private static readonly (string Name, bool OneDnn, bool Padded)[] Paths =
        [("oneDNN off", false, false), ("oneDNN, padded edges", true, true), ("plain oneDNN", true, false)];

    public const string Header = "| net | layout | oneDNN off | oneDNN, padded edges | plain oneDNN |";

    /// <summary>Two table rows (NCHW, channels-last) of float32-vs-float64 gradient errors per path.</summary>
    public static IEnumerable<string> Rows(NetSpec spec, string net)
    {
        if (!OneDnn.Switchable)
        {
            throw new TrainerException("--layout-check needs ATen's oneDNN switch, which libtorch does not export here");
        }

        bool oneDnn = OneDnn.Enabled, padded = AlignedConv.Enabled;
        try
        {
            foreach (bool channelsLast in new[] { false, true })
            {
                var cells = Paths.Select(p =>
                {
                    OneDnn.Enabled = p.OneDnn;
                    AlignedConv.Enabled = p.Padded;
                    return NetGradientCheck.RelativeError(spec with { ChannelsLast = channelsLast }).ToString("G2", CultureInfo.InvariantCulture);
                }).ToList();
                yield return $"| {net} | {(channelsLast ? "channels-last" : "NCHW")} | {string.Join(" | ", cells)} |";
            }
        }
        finally
        {
            OneDnn.Enabled = oneDnn;
            AlignedConv.Enabled = padded;
        }
    }
}
