namespace Torii.Pulsar;

/// <summary>A received message waiting for the application, tagged with the subscription session that received it.</summary>
internal readonly record struct QueuedMessage(PulsarMessage Message, int Epoch);
