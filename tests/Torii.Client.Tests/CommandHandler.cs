using Torii.Protocol;

namespace Torii.Client.Tests;

/// <summary>Answers one request; the token fires when the connection or the server goes away.</summary>
public delegate Task CommandHandler(Request request, FakeConnection connection, CancellationToken cancellationToken);
