using System.Net.Security;

namespace Torii.Protocol.Tests;

public sealed class CipherSuiteNamesTests
{
    [Theory]
    [InlineData("TLS13_AES_256_GCM_SHA384", TlsCipherSuite.TLS_AES_256_GCM_SHA384)]
    [InlineData("TLS13_CHACHA20_POLY1305_SHA256", TlsCipherSuite.TLS_CHACHA20_POLY1305_SHA256)]
    [InlineData("TLS_AES_128_GCM_SHA256", TlsCipherSuite.TLS_AES_128_GCM_SHA256)]
    [InlineData("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", TlsCipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256)]
    [InlineData("TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", TlsCipherSuite.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256)]
    public void Sozu_and_iana_names_map_to_the_suite(string name, TlsCipherSuite expected)
    {
        Assert.True(CipherSuiteNames.TryParse(name, out var suite));
        Assert.Equal(expected, suite);
    }

    [Theory]
    [InlineData("ECDHE-RSA-AES128-GCM-SHA256")]
    [InlineData("tls_aes_128_gcm_sha256")]
    [InlineData("4865")]
    [InlineData("")]
    public void Other_spellings_are_refused_with_the_name(string name)
    {
        Assert.False(CipherSuiteNames.TryParse(name, out _));
        var request = new Request
        {
            AddHttpsListener = new HttpsListenerConfig { Address = SampleRequests.Address("127.0.0.1:8443"), CipherList = { "TLS13_AES_128_GCM_SHA256", name } },
        };

        Assert.StartsWith("add_https_listener.cipher_list: unknown cipher suite", RequestValidator.Validate(request));
    }
}
