using Torii.Protocol;

namespace Torii.Client.Tests;

internal sealed class ThrowingProgress : IProgress<Response>
{
    public void Report(Response value) => throw new InvalidOperationException("callback failed");
}
