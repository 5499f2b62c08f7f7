using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Torii.Client;
using Torii.Protocol;

namespace Torii.Connectors.Web.Endpoints;

/// <summary>Adds a PEM certificate (its chain may follow it in the same file) and key uploaded from the browser; removes one by fingerprint.</summary>
internal static class CertificateChanges
{
    private const string Page = "/certificates";
    private const long LargestPem = 1024 * 1024;

    public static void Map(RouteGroupBuilder changes)
    {
        changes.MapPost("/certificates/add", async (HttpContext context, ToriiClient client) =>
        {
            IFormCollection form = await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
            return await ChangeOutcome.RunAsync(Page, async () =>
            {
                string certificateText = await PemFileAsync(form, "certificate", context.RequestAborted).ConfigureAwait(false);
                string key = await PemFileAsync(form, "key", context.RequestAborted).ConfigureAwait(false);
                string[] blocks = PemBlocks.Certificates(certificateText);
                if (blocks.Length == 0)
                {
                    throw new FormException("the certificate file holds no PEM certificate");
                }

                var pair = new CertificateAndKey { Certificate = blocks[0], Key = key };
                pair.CertificateChain.AddRange(blocks.Skip(1));
                var request = new AddCertificate { Address = FormFields.Address(form, "address"), Certificate = pair };
                return await client.AddCertificateAsync(request, context.RequestAborted).ConfigureAwait(false);
            }).ConfigureAwait(false);
        });

        changes.MapPost("/certificates/remove", async (HttpContext context, ToriiClient client) =>
        {
            IFormCollection form = await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
            return await ChangeOutcome.RunAsync(Page, () => client.RemoveCertificateAsync(
                new RemoveCertificate { Address = FormFields.Address(form, "address"), Fingerprint = FormFields.Required(form, "fingerprint") },
                context.RequestAborted)).ConfigureAwait(false);
        });
    }

    private static async Task<string> PemFileAsync(IFormCollection form, string name, CancellationToken cancellationToken)
    {
        IFormFile file = form.Files.GetFile(name) ?? throw new FormException($"choose the {name} file");
        if (file.Length == 0 || file.Length > LargestPem)
        {
            throw new FormException($"the {name} file must hold between 1 byte and 1 MiB of PEM text");
        }

        using var reader = new StreamReader(file.OpenReadStream());
        return await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
    }
}
