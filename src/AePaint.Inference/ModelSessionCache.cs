using System.Collections.Concurrent;

namespace AePaint.Inference;

/// <summary>
/// Keeps one open session per (model file, device) for the life of a host, so changing settings that keep
/// the model never re-creates a session (DirectML's first session can take tens of seconds).
/// </summary>
public sealed class ModelSessionCache : IDisposable
{
    private readonly ConcurrentDictionary<(string Path, ExecutionDevice Device), Lazy<ModelSession>> _sessions = new();

    public ModelSession Get(string path, ExecutionDevice device)
    {
        var key = (Path.GetFullPath(path), device);
        var lazy = _sessions.GetOrAdd(key, k => new Lazy<ModelSession>(() => ModelSession.Open(k.Path, k.Device)));
        try
        {
            return lazy.Value;
        }
        catch
        {
            // Do not cache failures: the user may fix the file and try again.
            _sessions.TryRemove(new KeyValuePair<(string, ExecutionDevice), Lazy<ModelSession>>(key, lazy));
            throw;
        }
    }

    public int Count => _sessions.Count;

    public void Dispose()
    {
        foreach (var lazy in _sessions.Values)
        {
            if (lazy.IsValueCreated)
            {
                lazy.Value.Dispose();
            }
        }

        _sessions.Clear();
    }
}
