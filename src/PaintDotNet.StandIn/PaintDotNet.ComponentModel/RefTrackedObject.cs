using System.Diagnostics.CodeAnalysis;
using System.Runtime.Serialization;

namespace PaintDotNet.ComponentModel;

/// <summary>Stand-in: reference counting is not modelled; the first Dispose() disposes.</summary>
public class RefTrackedObject : IObjectRef, IIsDisposed, IDisposable, ISerializable
{
    ~RefTrackedObject()
    {
        Dispose(false);
    }

    public bool IsDisposed { get; private set; }

    public void Dispose()
    {
        if (!IsDisposed)
        {
            IsDisposed = true;
            Dispose(true);
            GC.SuppressFinalize(this);
        }
    }

    public virtual bool TryCreateRef(Type interfaceType, [NotNullWhen(true)] out IObjectRef? objectRef)
    {
        objectRef = null;
        return false;
    }

    void ISerializable.GetObjectData(SerializationInfo info, StreamingContext context) => throw new NotSupportedException();

    protected virtual void Dispose(bool disposing)
    {
    }
}
