namespace PaintDotNet.AppModel;

[Flags]
public enum ExceptionDetailOptions : long
{
    Default = 0,
    ExcludeDiagnostics = 1,
}
