using System.Runtime.InteropServices;

namespace Torii.Proxy.Health.Polling;

/// <summary>poll(2)'s struct pollfd.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct PollFd
{
    public const short In = 0x001;
    public const short Out = 0x004;
    public const short Error = 0x008;
    public const short HangUp = 0x010;

    public int Descriptor;
    public short Events;
    public short ReturnedEvents;
}
