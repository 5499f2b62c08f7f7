using Torii.Connectors.Prometheus.Hosting;

return await ExporterCommandLine.Create().Parse(args).InvokeAsync();
