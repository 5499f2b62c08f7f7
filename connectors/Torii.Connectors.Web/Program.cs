using Torii.Connectors.Web.Hosting;

return await WebCommandLine.Create().Parse(args).InvokeAsync();
