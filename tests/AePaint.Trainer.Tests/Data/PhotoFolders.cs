using AePaint.TestSupport;

namespace AePaint.Trainer.Tests.Data;

/// <summary>Temporary photo folders made of real CBSD68 photos (481×321 or 321×481 PNG).</summary>
internal static class PhotoFolders
{
    public static readonly string[] Cbsd = ["101085", "108005", "119082", "130026", "143090", "157055", "163085", "170057"];

    public static string Source(string name) => Path.Combine(TestPaths.EvalSet("CBSD68"), name + ".png");

    /// <summary>Copies the first <paramref name="count"/> photos into <paramref name="folder"/> (under <paramref name="sub"/> if given).</summary>
    public static List<string> Fill(string folder, int count, string? sub = null, int skip = 0)
    {
        var dir = sub is null ? folder : Path.Combine(folder, sub);
        Directory.CreateDirectory(dir);
        return Cbsd.Skip(skip).Take(count).Select(n =>
        {
            var target = Path.Combine(dir, n + ".png");
            File.Copy(Source(n), target);
            return target;
        }).ToList();
    }

    /// <summary>Copies the <paramref name="count"/> smallest sun_hays80 JPEGs (training photos, ≈1024×768).</summary>
    public static List<string> FillTrain(string folder, int count)
    {
        var source = Path.Combine(TestPaths.SharedData, "train", "sun_hays80");
        return Directory.GetFiles(source, "*.jpg").Order(StringComparer.Ordinal).OrderBy(f => new FileInfo(f).Length).Take(count).Select(f =>
        {
            var target = Path.Combine(folder, Path.GetFileName(f));
            File.Copy(f, target);
            return target;
        }).ToList();
    }
}
