namespace Torii.Config.Loading;

/// <summary>Matches a frontend's address with a listener declared in the same file.</summary>
internal static class ListenerLookup
{
    public static DeclaredListener Find(ConfigSection frontend, IReadOnlyList<DeclaredListener> listeners)
    {
        var address = AddressReader.Required(frontend, "address");
        var listener = listeners.FirstOrDefault(candidate => candidate.Address.Equals(address));
        if (listener is not null)
        {
            return listener;
        }

        var declared = listeners.Count == 0
            ? "none is declared"
            : "declared: " + string.Join(", ", listeners.Select(candidate => candidate.Describe()));
        throw frontend.ErrorAt(
            "address",
            $"no listener is declared on {address}; a frontend's address must be the address of one of the [[listeners]] ({declared})");
    }
}
