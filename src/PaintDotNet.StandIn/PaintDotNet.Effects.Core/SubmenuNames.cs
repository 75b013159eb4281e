namespace PaintDotNet.Effects;

/// <summary>Values are the English menu names (Paint.NET localizes them).</summary>
public static class SubmenuNames
{
    public static string Artistic => "Artistic";

    public static string Blurs => "Blurs";

    public static string Color => "Color";

    public static string Distort => "Distort";

    public static string Noise => "Noise";

    public static string Object => "Object";

    public static string Photo => "Photo";

    public static string Render => "Render";

    public static string Stylize => "Stylize";
}
