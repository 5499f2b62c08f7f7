namespace Torii.Protocol;

internal sealed partial class RequestJsonWriter
{
    private void Write(AddBackend message)
    {
        BeginObject();
        if (message.HasClusterId)
        {
            Name("cluster_id"u8);
            StringValue(message.ClusterId);
        }

        if (message.HasBackendId)
        {
            Name("backend_id"u8);
            StringValue(message.BackendId);
        }

        if (message.Address is not null)
        {
            Name("address"u8);
            Write(message.Address);
        }

        if (message.HasStickyId)
        {
            Name("sticky_id"u8);
            StringValue(message.StickyId);
        }

        if (message.LoadBalancingParameters is not null)
        {
            Name("load_balancing_parameters"u8);
            Write(message.LoadBalancingParameters);
        }

        if (message.HasBackup)
        {
            Name("backup"u8);
            BoolValue(message.Backup);
        }

        if (message.HasMaxConnections)
        {
            Name("max_connections"u8);
            NumberValue(message.MaxConnections);
        }

        EndObject();
    }

    private void Write(LoadBalancingParams message)
    {
        BeginObject();
        if (message.HasWeight)
        {
            Name("weight"u8);
            NumberValue(message.Weight);
        }

        EndObject();
    }

    private void Write(RemoveBackend message)
    {
        BeginObject();
        if (message.HasClusterId)
        {
            Name("cluster_id"u8);
            StringValue(message.ClusterId);
        }

        if (message.HasBackendId)
        {
            Name("backend_id"u8);
            StringValue(message.BackendId);
        }

        if (message.Address is not null)
        {
            Name("address"u8);
            Write(message.Address);
        }

        EndObject();
    }
}
