using System.Windows.Forms;

namespace PaintDotNet.AppModel;

public interface IExceptionDialogService
{
    void ShowErrorDialog(IWin32Window? owner, Exception exception, ExceptionDetailOptions exceptionDetailOptions = ExceptionDetailOptions.Default);

    void ShowErrorDialog(IWin32Window? owner, string? message, Exception exception, ExceptionDetailOptions exceptionDetailOptions = ExceptionDetailOptions.Default);

    void ShowErrorDialog(IWin32Window? owner, string? message, string detailsText);
}
