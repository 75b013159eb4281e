using System.Text.Json;
using AePaint.Evaluation.Reports;

namespace AePaint.Evaluation.Tests;

/// <summary>A report as its JSON file holds it (<see cref="EvalReportWriter.ToJson"/>), and the lookups the tests share.</summary>
internal static class ReportJson
{
    public static JsonElement Of(EvalReport report) => JsonDocument.Parse(EvalReportWriter.ToJson(report)).RootElement.Clone();

    public static JsonElement Condition(JsonElement report, int k) => report.GetProperty("conditions")[k];

    public static JsonElement Method(JsonElement condition, string name) =>
        condition.GetProperty("methods").EnumerateArray().Single(m => m.GetProperty("name").GetString() == name);

    public static double[] Scores(JsonElement method) =>
        method.GetProperty("images").EnumerateArray().Select(i => i.GetProperty("psnr").GetDouble()).ToArray();
}
