using Kabar.Cli;

return await KabarCli.RunAsync(args);
