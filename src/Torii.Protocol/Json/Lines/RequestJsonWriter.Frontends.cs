namespace Torii.Protocol;

internal sealed partial class RequestJsonWriter
{
    private void Write(RequestHttpFrontend message)
    {
        BeginObject();
        if (message.HasClusterId)
        {
            Name("cluster_id"u8);
            StringValue(message.ClusterId);
        }

        if (message.Address is not null)
        {
            Name("address"u8);
            Write(message.Address);
        }

        if (message.HasHostname)
        {
            Name("hostname"u8);
            StringValue(message.Hostname);
        }

        if (message.Path is not null)
        {
            Name("path"u8);
            Write(message.Path);
        }

        if (message.HasMethod)
        {
            Name("method"u8);
            StringValue(message.Method);
        }

        if (message.HasPosition)
        {
            Name("position"u8);
            EnumValue(message.Position);
        }

        if (message.Tags.Count > 0)
        {
            Name("tags"u8);
            MapValue(message.Tags);
        }

        if (message.HasRedirect)
        {
            Name("redirect"u8);
            EnumValue(message.Redirect);
        }

        if (message.HasRequiredAuth)
        {
            Name("required_auth"u8);
            BoolValue(message.RequiredAuth);
        }

        if (message.HasRedirectScheme)
        {
            Name("redirect_scheme"u8);
            EnumValue(message.RedirectScheme);
        }

        if (message.HasRedirectTemplate)
        {
            Name("redirect_template"u8);
            StringValue(message.RedirectTemplate);
        }

        if (message.HasRewriteHost)
        {
            Name("rewrite_host"u8);
            StringValue(message.RewriteHost);
        }

        if (message.HasRewritePath)
        {
            Name("rewrite_path"u8);
            StringValue(message.RewritePath);
        }

        if (message.HasRewritePort)
        {
            Name("rewrite_port"u8);
            NumberValue(message.RewritePort);
        }

        if (message.Headers.Count > 0)
        {
            Name("headers"u8);
            ListValue(message.Headers);
        }

        if (message.Hsts is not null)
        {
            Name("hsts"u8);
            Write(message.Hsts);
        }

        EndObject();
    }

    private void Write(Header message)
    {
        BeginObject();
        if (message.HasPosition)
        {
            Name("position"u8);
            EnumValue(message.Position);
        }

        if (message.HasKey)
        {
            Name("key"u8);
            StringValue(message.Key);
        }

        if (message.HasVal)
        {
            Name("val"u8);
            StringValue(message.Val);
        }

        EndObject();
    }

    private void Write(HstsConfig message)
    {
        BeginObject();
        if (message.HasEnabled)
        {
            Name("enabled"u8);
            BoolValue(message.Enabled);
        }

        if (message.HasMaxAge)
        {
            Name("max_age"u8);
            NumberValue(message.MaxAge);
        }

        if (message.HasIncludeSubdomains)
        {
            Name("include_subdomains"u8);
            BoolValue(message.IncludeSubdomains);
        }

        if (message.HasPreload)
        {
            Name("preload"u8);
            BoolValue(message.Preload);
        }

        if (message.HasForceReplaceBackend)
        {
            Name("force_replace_backend"u8);
            BoolValue(message.ForceReplaceBackend);
        }

        EndObject();
    }

    private void Write(RequestTcpFrontend message)
    {
        BeginObject();
        if (message.HasClusterId)
        {
            Name("cluster_id"u8);
            StringValue(message.ClusterId);
        }

        if (message.Address is not null)
        {
            Name("address"u8);
            Write(message.Address);
        }

        if (message.Tags.Count > 0)
        {
            Name("tags"u8);
            MapValue(message.Tags);
        }

        EndObject();
    }

    private void Write(PathRule message)
    {
        BeginObject();
        if (message.HasKind)
        {
            Name("kind"u8);
            EnumValue(message.Kind);
        }

        if (message.HasValue)
        {
            Name("value"u8);
            StringValue(message.Value);
        }

        EndObject();
    }
}
