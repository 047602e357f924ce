using Analytics.Cli;

// Before any data is read, so the run's arrays land on huge pages where the machine allows it.
TransparentHugePages.AdviseHeap();
return await CliApp.RunAsync(args, Console.Out, Console.Error).ConfigureAwait(false);
