namespace Torii.Connectors.Web.Endpoints;

/// <summary>A form field is missing or malformed; the message is shown to the user.</summary>
internal sealed class FormException(string message) : Exception(message);
