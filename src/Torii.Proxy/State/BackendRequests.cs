using Torii.Protocol;
using Torii.Proxy.Backends;

namespace Torii.Proxy.State;

/// <summary>An add_backend request and the backend it made, each from the other: the state keeps the backend only.</summary>
internal static class BackendRequests
{
    public static AddBackendFields FieldsOf(AddBackend request)
    {
        var fields = AddBackendFields.None;
        if (request.HasStickyId)
        {
            fields |= request.StickyId.Length == 0 ? AddBackendFields.EmptyStickyId : AddBackendFields.StickyId;
        }

        if (request.LoadBalancingParameters is { } parameters)
        {
            fields |= AddBackendFields.LoadBalancingParameters | (parameters.HasWeight ? AddBackendFields.Weight : 0);
        }

        if (request.HasBackup)
        {
            fields |= AddBackendFields.Backup;
        }

        if (request.HasMaxConnections)
        {
            fields |= AddBackendFields.MaxConnections;
        }

        return fields;
    }

    /// <summary>
    /// The request as it came, field for field (an IPv6 address always carries both halves, which the protocol's
    /// reader treats alike whether a half is absent or zero); a new message each time, which the caller may keep.
    /// </summary>
    public static AddBackend RequestOf(Backend backend)
    {
        var fields = backend.RequestFields;
        var request = new AddBackend
        {
            ClusterId = backend.ClusterId,
            BackendId = backend.Id,
            Address = SocketAddresses.ToProto(backend.Address),
        };
        if ((fields & AddBackendFields.StickyId) != 0)
        {
            request.StickyId = backend.StickyId;
        }
        else if ((fields & AddBackendFields.EmptyStickyId) != 0)
        {
            request.StickyId = string.Empty;
        }

        if ((fields & AddBackendFields.LoadBalancingParameters) != 0)
        {
            request.LoadBalancingParameters = (fields & AddBackendFields.Weight) != 0
                ? new LoadBalancingParams { Weight = backend.Weight }
                : new LoadBalancingParams();
        }

        if ((fields & AddBackendFields.Backup) != 0)
        {
            request.Backup = backend.IsBackup;
        }

        if ((fields & AddBackendFields.MaxConnections) != 0)
        {
            request.MaxConnections = (uint)backend.MaxConnections;
        }

        return request;
    }
}
