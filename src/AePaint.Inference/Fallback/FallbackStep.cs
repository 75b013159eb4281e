namespace AePaint.Inference.Fallback;

/// <summary>One move of a <see cref="FallbackRun"/> to another attempt, with what the user is told about it.</summary>
/// <param name="From">The attempt that failed.</param>
/// <param name="To">The attempt that followed.</param>
/// <param name="Action">Why: smaller tiles or the CPU.</param>
/// <param name="Notice">One line for the user.</param>
/// <param name="Cause">The failure (null when the graphics card could not even load the model and the session came up on the CPU).</param>
public sealed record FallbackStep(Attempt From, Attempt To, FailureAction Action, string Notice, Exception? Cause)
{
    /// <summary>True when the model moved from the graphics card to the CPU (hosts show these; smaller tiles go into the details).</summary>
    public bool ChangesDevice => Action == FailureAction.RetryOnCpu;
}
