using Torii.Connectors.Pki;

return await PkiCommandLine.Create().Parse(args).InvokeAsync();
