namespace System.Windows.Forms;

/// <summary>The same interface as WinForms' (one member), for the Linux test run only.</summary>
public interface IWin32Window
{
    IntPtr Handle { get; }
}
