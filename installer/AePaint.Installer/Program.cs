using AePaint.Installer;

return await InstallerCli.RunAsync(args);
