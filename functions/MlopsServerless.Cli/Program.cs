using MlopsServerless.Cli;

return await CliApp.Create().Parse(args).InvokeAsync();
