using System.CommandLine;

namespace AePaint.Installer.Bundling;

/// <summary>`aepaint-install bundle`: a plugin build (given, or built here) + models + optional components → folder, ZIP, checksums.</summary>
internal static class BundleCommand
{
    public static Command Create()
    {
        var pluginOutput = new Option<string?>("--plugin-output") { Description = "The plugin's build folder (default: build src/AePaint.PaintDotNet now with dotnet build -r <rid>)" };
        var models = new Option<string?>("--models") { Description = "Folder with the shipped .onnx files and .json cards (default: the repository's models/)" };
        var rid = new Option<string>("--rid") { Description = "Runtime whose ONNX Runtime native library is bundled", DefaultValueFactory = _ => "win-x64" };
        var ort = new Option<string>("--ort") { Description = "auto (build DirectML on Windows, CPU elsewhere; a given build is taken as it is), cpu or directml", DefaultValueFactory = _ => "auto" };
        ort.AcceptOnlyFromAmong("auto", "cpu", "directml");
        var pdnDir = new Option<string?>("--pdn-dir") { Description = "When building: compile against this Paint.NET's DLLs (required for a bundle Paint.NET loads; Windows)" };
        var cli = new Option<string?>("--cli") { Description = "Optional component: a published aepaint folder" };
        var trainer = new Option<string?>("--trainer") { Description = "Optional component: a published aepaint-train folder" };
        var installer = new Option<string?>("--installer") { Description = "A published aepaint-install folder, put at the bundle's root" };
        var output = new Option<string>("--output", "-o") { Description = "Where the bundle folder, ZIP and .sha256 go", DefaultValueFactory = _ => "dist" };
        var repo = new Option<string?>("--repo") { Description = "The AePaint checkout (default: found above the current folder)" };
        var cmd = new Command("bundle", "Make the release bundle: AePaint\\ plugin folder with ONNX Runtime and models, optional CLI/trainer, ZIP + checksum manifest")
        {
            pluginOutput, models, rid, ort, pdnDir, cli, trainer, installer, output, repo,
        };
        cmd.SetAction(pr =>
        {
            var log = pr.InvocationConfiguration.Output;
            var given = pr.GetValue(pluginOutput);
            var checkout = pr.GetValue(repo) ?? PluginBuild.FindRepo(Environment.CurrentDirectory);
            var modelsFolder = pr.GetValue(models) ?? (checkout != null ? Path.Combine(checkout, "models")
                : throw new InstallerException("no repository found above the current folder: give --models <folder> (and --plugin-output)"));
            var ortChoice = pr.GetValue(ort)!;
            string? buildFolder = null;
            try
            {
                if (given is null)
                {
                    if (checkout is null)
                    {
                        throw new InstallerException("no repository found above the current folder: give --plugin-output <build folder> or --repo <checkout>");
                    }

                    buildFolder = Path.Combine(Path.GetTempPath(), "aepaint-plugin-build-" + Guid.NewGuid().ToString("N")[..8]);
                    bool directMl = ortChoice == "directml" || (ortChoice == "auto" && OperatingSystem.IsWindows());
                    PluginBuild.Run(checkout, pr.GetValue(rid)!, directMl, pr.GetValue(pdnDir), buildFolder, log);
                }

                var result = BundleBuilder.Build(new BundleOptions
                {
                    PluginOutput = given ?? buildFolder!,
                    ModelsFolder = modelsFolder,
                    OutputFolder = pr.GetValue(output)!,
                    Rid = pr.GetValue(rid)!,
                    ExpectOrt = ortChoice == "auto" ? null : ortChoice,
                    CliFolder = pr.GetValue(cli),
                    TrainerFolder = pr.GetValue(trainer),
                    InstallerFolder = pr.GetValue(installer),
                });
                foreach (var w in result.Warnings)
                {
                    pr.InvocationConfiguration.Error.WriteLine("aepaint-install: warning: " + w);
                }

                var m = result.Manifest;
                log.WriteLine($"Bundle {m.Version} for {m.Rid}: ONNX Runtime {m.OnnxRuntime.Version} {m.OnnxRuntime.Flavour} ({m.OnnxRuntime.NativeLibrary}), " +
                    $"components {string.Join(", ", m.Components.Select(c => $"{c.Name} ({c.Files.Count} files)"))}");
                log.WriteLine($"  {result.Folder}");
                log.WriteLine($"  {result.Zip}");
                log.WriteLine($"  {result.ZipChecksum}");
                return 0;
            }
            finally
            {
                if (buildFolder != null && Directory.Exists(buildFolder))
                {
                    Directory.Delete(buildFolder, recursive: true);
                }
            }
        });
        return cmd;
    }
}
