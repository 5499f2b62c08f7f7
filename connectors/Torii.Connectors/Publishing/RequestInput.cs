using Torii.Connectors.Settings;
using Torii.Protocol;

namespace Torii.Connectors.Publishing;

/// <summary>
/// Requests an operator hands to a `publish` verb: one JSON Request (it may span lines), or several, one per
/// line as in a state file.
/// </summary>
public static class RequestInput
{
    /// <exception cref="SettingsException">The text holds no request, or a line is not a JSON Request.</exception>
    public static async Task<IReadOnlyList<Request>> ReadAsync(TextReader reader, string sourceName, CancellationToken cancellationToken)
    {
        string text = await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new SettingsException($"{sourceName} holds no request");
        }

        try
        {
            return [ProtocolJson.ParseRequest(text)];
        }
        catch (MalformedJsonException)
        {
            // Not one document: read it as one request per line.
        }

        try
        {
            return await StateFile.ReadAllAsync(new StringReader(text), cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (StateFileException exception)
        {
            throw new SettingsException($"{sourceName}, line {exception.LineNumber}: {exception.InnerException?.Message ?? exception.Message}", exception);
        }
    }

    /// <summary>Reads the file, or standard input when <paramref name="path"/> is null or "-".</summary>
    public static async Task<IReadOnlyList<Request>> ReadAsync(string? path, CancellationToken cancellationToken)
    {
        if (path is null or "-")
        {
            return await ReadAsync(Console.In, "standard input", cancellationToken).ConfigureAwait(false);
        }

        try
        {
            using var reader = new StreamReader(path);
            return await ReadAsync(reader, path, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new SettingsException($"cannot read {path}: {exception.Message}", exception);
        }
    }
}
