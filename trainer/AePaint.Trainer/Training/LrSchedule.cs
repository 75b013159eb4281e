namespace AePaint.Trainer.Training;

/// <summary>Linear warm-up, then cosine decay from the base rate to the minimum at the last step.</summary>
internal static class LrSchedule
{
    public static double At(long step, long totalSteps, long warmup, double baseLr, double minLr)
    {
        if (warmup > 0 && step < warmup)
        {
            return baseLr * (step + 1) / warmup;
        }

        double span = Math.Max(1, totalSteps - warmup);
        double t = Math.Clamp((step - warmup) / span, 0, 1);
        return minLr + (0.5 * (baseLr - minLr) * (1 + Math.Cos(Math.PI * t)));
    }
}
