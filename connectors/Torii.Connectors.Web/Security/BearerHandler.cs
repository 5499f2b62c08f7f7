using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Torii.Connectors.Web.Settings;

namespace Torii.Connectors.Web.Security;

/// <summary>`Authorization: Bearer TOKEN` against the [[tokens]] hashes.</summary>
internal sealed class BearerHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, WebSettings settings)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string Prefix = "Bearer ";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        string token = header[Prefix.Length..].Trim();
        WebAccount? account = settings.Tokens.FirstOrDefault(candidate => PasswordHash.Verify(token, candidate.SecretHash));
        return Task.FromResult(account is null
            ? AuthenticateResult.Fail("unknown bearer token")
            : AuthenticateResult.Success(new AuthenticationTicket(ConsoleClaims.For(account, ConsoleClaims.BearerScheme), ConsoleClaims.BearerScheme)));
    }
}
