namespace AePaint.Trainer.Training;

/// <summary>Linear warm-up, then cosine decay from the base rate to the minimum at the last step.</summary>
internal static class LrSchedule
{
    /// <summary>
    /// The schedule position of a run: the share of its steps done, or — with a wall-clock budget — the share of the
    /// budget used, whichever is further, so the learning rate still anneals when time runs out before the steps do.
    /// (Time-based positions make a resumed run differ slightly from an uninterrupted one; step-only runs resume exactly.)
    /// </summary>
    public static long EffectiveStep(long step, long totalSteps, double elapsedSeconds, double? budgetMinutes)
    {
        if (budgetMinutes is not { } m || m <= 0)
        {
            return step;
        }

        double timeShare = Math.Clamp(elapsedSeconds / (m * 60), 0, 1);
        return Math.Max(step, (long)(timeShare * totalSteps));
    }

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
