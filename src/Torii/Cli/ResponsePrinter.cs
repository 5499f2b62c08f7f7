using Torii.Cli.Output;
using Torii.Protocol;

namespace Torii.Cli;

/// <summary>
/// Prints the proxy's answers: final responses on the output (a message and a table, or one line
/// of JSON with --json), failures and progress on the error stream.
/// </summary>
internal sealed class ResponsePrinter(TextWriter output, TextWriter error, bool json)
{
    public void PrintProgress(Response response) =>
        error.WriteLine($"processing: {response.Message}");

    public void PrintFinal(Response response)
    {
        if (json)
        {
            output.WriteLine(ProtocolJson.Format(response));
        }

        if (response.Status != ResponseStatus.Ok)
        {
            error.WriteLine($"error: {(response.HasMessage && response.Message.Length > 0 ? response.Message : "the proxy refused the request")}");
            return;
        }

        if (json)
        {
            return;
        }

        if (response.Message.Length > 0)
        {
            output.WriteLine(response.Message);
        }

        if (response.Content is not null)
        {
            PrintContent(response.Content);
        }
    }

    private void PrintContent(ResponseContent content)
    {
        switch (content.ContentTypeCase)
        {
            case ResponseContent.ContentTypeOneofCase.Workers:
                WorkersTable.Write(content.Workers, output);
                break;
            case ResponseContent.ContentTypeOneofCase.ListenersList:
                ListenersTable.Write(content.ListenersList, output);
                break;
            case ResponseContent.ContentTypeOneofCase.FrontendList:
                FrontendsTable.Write(
                    content.FrontendList.HttpFrontends,
                    content.FrontendList.HttpsFrontends,
                    content.FrontendList.TcpFrontends,
                    output);
                break;
            case ResponseContent.ContentTypeOneofCase.Clusters:
                ClustersTable.Write(content.Clusters, output);
                break;
            case ResponseContent.ContentTypeOneofCase.ClusterHashes:
                ClusterHashesTable.Write(content.ClusterHashes, output);
                break;
            case ResponseContent.ContentTypeOneofCase.CertificatesByAddress:
                CertificatesTable.Write(content.CertificatesByAddress, output);
                break;
            case ResponseContent.ContentTypeOneofCase.CertificatesWithFingerprints:
                CertificateFingerprintsTable.Write(content.CertificatesWithFingerprints, output);
                break;
            case ResponseContent.ContentTypeOneofCase.RequestCounts:
                RequestCountsTable.Write(content.RequestCounts, output);
                break;
            case ResponseContent.ContentTypeOneofCase.Metrics:
                MetricsTable.Write(content.Metrics, output);
                break;
            case ResponseContent.ContentTypeOneofCase.HealthChecksList:
                HealthChecksTable.Write(content.HealthChecksList, output);
                break;
            case ResponseContent.ContentTypeOneofCase.MaxConnectionsPerIpLimit:
                output.WriteLine(content.MaxConnectionsPerIpLimit.Limit == 0
                    ? "max connections per IP: unlimited"
                    : $"max connections per IP: {content.MaxConnectionsPerIpLimit.Limit}");
                break;
            case ResponseContent.ContentTypeOneofCase.None:
                break;
            default:
                // Content this CLI has no table for is still shown, in its JSON form.
                output.WriteLine(ProtocolJson.FormatIndented(content));
                break;
        }
    }
}
