using Torii.Protocol;

namespace Torii.Config;

/// <summary>One request the config file asks for, and the table or entry of the file it came from.</summary>
public sealed record ConfigRequest(Request Request, ConfigPosition Origin);
