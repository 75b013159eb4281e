using System.Runtime.CompilerServices;

namespace AePaint.Trainer.Tests.OneDnnFault;

/// <summary>
/// Keeps a net's start-up check from switching oneDNN back on for this whole test process (see
/// <see cref="NetGradientCheck.Allowed"/>): only the tests of that decision (the oneDNN switch collection) allow it.
/// </summary>
internal static class NetCheckOff
{
#pragma warning disable CA2255 // one process-wide setting before any test: what a module initializer is for
    [ModuleInitializer]
    internal static void Apply() => NetGradientCheck.Allowed = false;
#pragma warning restore CA2255
}
