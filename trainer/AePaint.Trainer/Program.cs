using AePaint.Trainer.Cli;

return await TrainerCli.RunAsync(args);
