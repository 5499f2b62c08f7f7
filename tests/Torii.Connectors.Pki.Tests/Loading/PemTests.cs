using Torii.Connectors.Pki.Loading;

namespace Torii.Connectors.Pki.Tests.Loading;

public sealed class PemTests
{
    private const string First = "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----";
    private const string Second = "-----BEGIN CERTIFICATE-----\nBBBB\n-----END CERTIFICATE-----";

    [Fact]
    public void Blocks_are_found_in_order_without_the_text_between_them()
    {
        Assert.Equal([First, Second], Pem.Blocks($"subject=CN=x\n{First}\n\nissuer=CN=y\n{Second}\n", "CERTIFICATE"));
    }

    [Fact]
    public void Blocks_of_other_labels_are_left_out()
    {
        Assert.Empty(Pem.Blocks("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----", "CERTIFICATE"));
    }

    [Theory]
    [InlineData("-----BEGIN CERTIFICATE-----\nAAA", true)]
    [InlineData(First + "\n-----BEGIN CERTIFICATE-----\nBB", true)]
    [InlineData(First, false)]
    [InlineData("", false)]
    public void A_block_opened_and_never_closed_means_the_file_is_still_being_written(string text, bool stopsInside)
    {
        Assert.Equal(stopsInside, Pem.StopsInsideBlock(text));
    }
}
