namespace Torii.Protocol;

internal sealed partial class RequestJsonWriter
{
    private void Write(SocketAddress message)
    {
        BeginObject();
        if (message.Ip is not null)
        {
            Name("ip"u8);
            Write(message.Ip);
        }

        if (message.HasPort)
        {
            Name("port"u8);
            NumberValue(message.Port);
        }

        EndObject();
    }

    private void Write(IpAddress message)
    {
        BeginObject();
        if (message.InnerCase == IpAddress.InnerOneofCase.V4)
        {
            Name("v4"u8);
            NumberValue(message.V4);
        }

        if (message.InnerCase == IpAddress.InnerOneofCase.V6)
        {
            Name("v6"u8);
            Write(message.V6);
        }

        EndObject();
    }

    private void Write(Uint128 message)
    {
        BeginObject();
        if (message.HasLow)
        {
            Name("low"u8);
            QuotedNumberValue(message.Low);
        }

        if (message.HasHigh)
        {
            Name("high"u8);
            QuotedNumberValue(message.High);
        }

        EndObject();
    }
}
