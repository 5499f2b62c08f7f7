namespace Torii.Pulsar.Testing;

/// <summary>Bytes queued for a fake broker connection's writer, optionally with a signal once they are written.</summary>
internal sealed record OutgoingFrame(byte[] Bytes, TaskCompletionSource? Written = null, bool CloseAfter = false);
