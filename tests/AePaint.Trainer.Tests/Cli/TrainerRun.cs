using AePaint.Inference.Cards;
using AePaint.TestSupport;
using AePaint.Trainer.Cli;
using AePaint.Trainer.Export;
using AePaint.Trainer.Nets;
using AePaint.Trainer.Training.Recipe;

namespace AePaint.Trainer.Tests.Cli;

/// <summary>What the trainer's end-to-end tests share: a small photo folder and an in-process `aepaint-train` call.</summary>
internal static class TrainerRun
{
    /// <summary>Three training photos (never evaluation images), small enough for a fast test, in dir/photos.</summary>
    public static string Photos(TempDir dir)
    {
        var folder = dir.File("photos");
        if (!Directory.Exists(folder))
        {
            Directory.CreateDirectory(folder);
            foreach (var name in new[] { "chelsea.png", "coffee.png", "rocket.jpg" })
            {
                File.Copy(Path.Combine(TestPaths.SharedData, "train", "skimage", name), Path.Combine(folder, name));
            }
        }

        return folder;
    }

    public static (int Exit, string Out, string Err) Cli(params string[] args)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        int exit = TrainerCli.RunAsync(args, o, e).GetAwaiter().GetResult();
        return (exit, o.ToString(), e.ToString());
    }

    /// <summary>A freshly initialised net exported as a "shipped" model (dir/fresh-base.onnx): real fine-tuning beats it easily.</summary>
    public static string FreshBase(TempDir dir)
    {
        TorchRuntime.Initialize();
        using var net = TrainableNet.Create(ModelTask.Denoise, "tiny", 1, seed: 21);
        var path = dir.File("fresh-base.onnx");
        OnnxExporter.Export(net, net.BaseCard("fresh-base", 20, new NoiseSection().MapSpec()), path);
        return path;
    }
}
