namespace Torii.Connectors.Web.Live;

/// <summary>An event of the proxy as the feed shows it.</summary>
internal sealed record FeedEntry(ulong Sequence, DateTimeOffset Time, string Kind, string? ClusterId, string? BackendId, string? Address, string? Detail, string? Peer);
