using System.CommandLine;
using AePaint.Installer.Bundling;
using AePaint.Installer.Installing;

namespace AePaint.Installer;

/// <summary>The `aepaint-install` command line: bundle, install, uninstall, verify. Every known failure is one line and exit 1.</summary>
public static class InstallerCli
{
    private static readonly Option<string?> Pdn = new("--pdn") { Description = "Paint.NET folder (portable copies, or any install); its Effects subfolder gets the plugin" };
    private static readonly Option<bool> User = new("--user") { Description = "This user's plugin folder (Documents\\paint.net App Files\\Effects) instead of Program Files" };

    public static RootCommand Build(InstallerServices services)
    {
        var root = new RootCommand("""
            aepaint-install: puts the AePaint effects (AI Denoise, AI Super-Resolution) into Paint.NET.

            Examples:
              aepaint-install install                      Paint.NET Classic (administrator) or the Store edition
              aepaint-install install --user               only for this user (no administrator needed)
              aepaint-install install --pdn D:\paint.net   a portable Paint.NET
              aepaint-install verify                       files against the manifest, every model's card
              aepaint-install uninstall                    removes exactly what install wrote
              aepaint-install bundle -o dist               (developers) plugin folder + models → ZIP
            """);
        root.Subcommands.Add(InstallCommand(services));
        root.Subcommands.Add(UninstallCommand(services));
        root.Subcommands.Add(VerifyCommand(services));
        root.Subcommands.Add(BundleCommand.Create());
        return root;
    }

    public static async Task<int> RunAsync(string[] args, TextWriter? output = null, TextWriter? error = null, InstallerServices? services = null)
    {
        var config = new InvocationConfiguration
        {
            Output = output ?? Console.Out,
            Error = error ?? Console.Error,
            EnableDefaultExceptionHandler = false,
        };
        try
        {
            return await Build(services ?? InstallerServices.System()).Parse(args).InvokeAsync(config).ConfigureAwait(false);
        }
        catch (Exception e) when (e is InstallerException or IOException or UnauthorizedAccessException)
        {
            await config.Error.WriteLineAsync("aepaint-install: error: " + e.Message).ConfigureAwait(false);
            return 1;
        }
    }

    private static PluginInstaller For(ParseResult pr, InstallerServices s) =>
        new(s.Environment, s.FileSystem, s.Processes, pr.InvocationConfiguration.Output);

    private static Command InstallCommand(InstallerServices services)
    {
        var from = new Option<string?>("--from") { Description = "Bundle folder or .zip (default: the bundle this installer was unpacked from)" };
        var cli = new Option<bool>("--cli") { Description = "Also install the aepaint command line (per user)" };
        var trainer = new Option<bool>("--trainer") { Description = "Also install the aepaint-train trainer (per user)" };
        var cmd = new Command("install", "Install or upgrade the plugin (staged, then swapped in; user models are kept)") { Pdn, User, from, cli, trainer };
        cmd.SetAction(pr =>
        {
            using var bundle = BundleSource.Open(pr.GetValue(from) ?? DefaultBundle());
            var optional = new[] { (cli, "cli"), (trainer, "trainer") }.Where(o => pr.GetValue(o.Item1)).Select(o => o.Item2).ToArray();
            var target = For(pr, services).Install(bundle, Folder(pr), pr.GetValue(User), optional);
            pr.InvocationConfiguration.Output.WriteLine($"Done: restart Paint.NET to find Effects › Noise › AI Denoise and Effects › Photo › AI Super-Resolution ({target.Describe()}).");
            return 0;
        });
        return cmd;
    }

    private static Command UninstallCommand(InstallerServices services)
    {
        var cmd = new Command("uninstall", "Remove exactly what install wrote (per-user models stay)") { Pdn, User };
        cmd.SetAction(pr =>
        {
            For(pr, services).Uninstall(Folder(pr), pr.GetValue(User));
            return 0;
        });
        return cmd;
    }

    private static Command VerifyCommand(InstallerServices services)
    {
        var cmd = new Command("verify", "Check installed files against the manifest and that every model's card loads") { Pdn, User };
        cmd.SetAction(pr =>
        {
            var report = For(pr, services).Verify(Folder(pr), pr.GetValue(User));
            var o = pr.InvocationConfiguration.Output;
            foreach (var note in report.Notes)
            {
                o.WriteLine("  " + note);
            }

            foreach (var problem in report.Problems)
            {
                pr.InvocationConfiguration.Error.WriteLine("aepaint-install: problem: " + problem);
            }

            o.WriteLine(report.Ok ? "verify: OK" : $"verify: {report.Problems.Count} problem(s)");
            return report.Ok ? 0 : 1;
        });
        return cmd;
    }

    private static string? Folder(ParseResult pr)
    {
        if (pr.GetValue(Pdn) is { } pdn && pr.GetValue(User))
        {
            throw new InstallerException("--pdn and --user name different places; give one of them");
        }

        return pr.GetValue(Pdn);
    }

    /// <summary>The unpacked bundle this installer sits in (its root, or one level up).</summary>
    private static string DefaultBundle()
    {
        var here = AppContext.BaseDirectory;
        foreach (var dir in new[] { here, Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(here)) })
        {
            if (dir != null && File.Exists(Path.Combine(dir, BundleManifest.FileName)))
            {
                return dir;
            }
        }

        throw new InstallerException($"no bundle next to this installer ({here}); give --from <bundle folder or .zip>");
    }
}
