using Torii.Protocol;

namespace Torii.Connectors.Web.Proxy;

/// <summary>One frontend as shown, with the request that removes it.</summary>
internal sealed record FrontendView(string Protocol, string Address, string Route, Request Removal);
