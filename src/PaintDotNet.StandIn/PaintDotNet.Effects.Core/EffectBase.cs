using PaintDotNet.ComponentModel;

namespace PaintDotNet.Effects;

/// <summary>
/// Protected surface as in Paint.NET (Services, CancellationToken, IsCancelRequested, Environment, OnDispose);
/// OnCreateConfigForm and Token are not modelled. Internal StandIn* members are the test host's hooks.
/// </summary>
public abstract class EffectBase : RefTrackedObject
{
    private IServiceProvider? _services;
    private CancellationToken _cancel;
    private IEffectEnvironment? _environment;

    private protected EffectBase()
    {
    }

    protected IServiceProvider Services => _services ?? throw new InvalidOperationException("not initialized by the host");

    protected CancellationToken CancellationToken => _cancel;

    protected bool IsCancelRequested => _cancel.IsCancellationRequested;

    protected IEffectEnvironment Environment => _environment ?? throw new InvalidOperationException("not initialized by the host");

    protected sealed override void Dispose(bool disposing) => OnDispose(disposing);

    protected virtual void OnDispose(bool disposing)
    {
    }

    internal void StandInAttach(IServiceProvider services, CancellationToken cancel)
    {
        _services = services;
        _cancel = cancel;
    }

    private protected void StandInSetEnvironment(IEffectEnvironment environment) => _environment = environment;
}
