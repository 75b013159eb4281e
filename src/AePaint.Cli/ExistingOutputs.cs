namespace AePaint.Cli;

/// <summary>What a run does with an output file that already exists.</summary>
internal enum ExistingOutputs
{
    /// <summary>Refuse the whole run before writing anything (the default: the file is not ours).</summary>
    Refuse,

    /// <summary>--resume: keep it and skip its input.</summary>
    Skip,

    /// <summary>--overwrite: replace it.</summary>
    Replace,
}
