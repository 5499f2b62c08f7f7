using System.Net;
using Torii.Protocol;

namespace Torii.Config.Loading;

/// <summary>A listener of config.toml, as frontends need to know it: where it listens and what it speaks.</summary>
internal sealed record DeclaredListener(IPEndPoint Address, ListenerType Type, bool ExpectProxy, ConfigPosition Position)
{
    public string Describe() => $"{Address} ({Type.ToString().ToLowerInvariant()})";
}
