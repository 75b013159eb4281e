using AePaint.Cli;

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    // First Ctrl+C: stop after the current tile, write nothing half-done.
    e.Cancel = true;
    cancel.Cancel();
};
return await AePaintCli.RunAsync(args, cancel: cancel.Token);
