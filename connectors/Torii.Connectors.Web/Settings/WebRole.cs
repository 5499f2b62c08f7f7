namespace Torii.Connectors.Web.Settings;

/// <summary>What a signed-in user may do: an admin changes the proxy, a read-only user only looks.</summary>
internal enum WebRole
{
    ReadOnly,
    Admin,
}
