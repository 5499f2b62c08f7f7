using System.Security.Authentication;
using Torii.Proxy.State;
using Torii.Proxy.Tls;

namespace Torii.Proxy.Tests.Tls;

public sealed class CipherSuiteSelectionTests
{
    private const SslProtocols Both = SslProtocols.Tls12 | SslProtocols.Tls13;

    [Fact]
    public void No_list_keeps_the_versions_and_the_library_s_suites()
    {
        Assert.Equal(Both, CipherSuiteSelection.Protocols(Both, [], out var policy));
        Assert.Null(policy);
    }

    [Theory]
    [InlineData(new[] { "TLS13_AES_128_GCM_SHA256" }, SslProtocols.Tls13)]
    [InlineData(new[] { "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256" }, SslProtocols.Tls12)]
    [InlineData(new[] { "TLS13_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256" }, Both)]
    public void A_version_without_a_suite_in_the_list_is_switched_off(string[] names, SslProtocols expected)
    {
        Assert.Equal(expected, CipherSuiteSelection.Protocols(Both, names, out var policy));
        Assert.NotNull(policy);
    }

    [Fact]
    public void A_list_with_no_suite_for_the_listener_s_versions_is_refused()
    {
        var refused = Assert.Throws<CommandException>(() =>
            CipherSuiteSelection.Protocols(SslProtocols.Tls13, ["TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"], out _));

        Assert.Contains("cipher_list has no suite", refused.Message);
    }
}
