namespace Torii.Proxy.Http;

/// <summary>How a body transfer ended: whether the whole body went through, and how many body bytes did.</summary>
public readonly record struct BodyResult(bool Complete, long Bytes);
