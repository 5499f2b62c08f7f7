namespace Torii.Connectors.Web.Settings;

/// <summary>A user (password) or a bearer token: a name, the PBKDF2 hash of its secret, and its role.</summary>
internal sealed record WebAccount(string Name, string SecretHash, WebRole Role);
