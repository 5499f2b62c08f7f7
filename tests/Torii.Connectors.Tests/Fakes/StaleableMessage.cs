using Torii.Connectors.Applying;

namespace Torii.Connectors.Tests.Fakes;

/// <summary>A message whose broker connection the test can declare lost.</summary>
internal sealed class StaleableMessage(string id, byte[] body) : SourceMessage(id, body, null)
{
    public bool Lost { get; set; }

    public override bool IsStale => Lost;
}
