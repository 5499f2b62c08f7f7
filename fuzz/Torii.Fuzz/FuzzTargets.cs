using System.Diagnostics.CodeAnalysis;
using Torii.Fuzz.Config;
using Torii.Fuzz.Http;
using Torii.Fuzz.Protocol;
using Torii.Fuzz.ProxyProtocol;
using Torii.Fuzz.Pulsar;

namespace Torii.Fuzz;

internal static class FuzzTargets
{
    private static readonly IFuzzTarget[] All =
    [
        new RequestHeadTarget(),
        new ResponseHeadTarget(),
        new ChunkedBodyTarget(),
        new CommandFrameTarget(),
        new StateFileTarget(),
        new TomlTarget(),
        new PulsarFrameTarget(),
        new ProxyHeaderTarget(),
    ];

    public static IEnumerable<string> Names => All.Select(target => target.Name);

    public static bool TryGet(string name, [NotNullWhen(true)] out IFuzzTarget? target)
    {
        target = All.FirstOrDefault(candidate => candidate.Name == name);
        return target is not null;
    }
}
