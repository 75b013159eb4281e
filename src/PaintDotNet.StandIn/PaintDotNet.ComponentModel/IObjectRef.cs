using System.Diagnostics.CodeAnalysis;

namespace PaintDotNet.ComponentModel;

public interface IObjectRef : IIsDisposed, IDisposable
{
    bool TryCreateRef(Type interfaceType, [NotNullWhen(true)] out IObjectRef? objectRef);
}
