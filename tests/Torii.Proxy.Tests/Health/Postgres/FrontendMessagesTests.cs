using System.Text;
using Torii.Proxy.Health.Postgres;

namespace Torii.Proxy.Tests.Health.Postgres;

/// <summary>The client's messages byte for byte, as the protocol's "Message Formats" page lays them out.</summary>
public sealed class FrontendMessagesTests
{
    [Fact]
    public void Startup_message_is_length_version_3_0_then_pairs_and_a_final_nul()
    {
        byte[] message = FrontendMessages.Startup([new("user", "u"), new("database", "d")]);

        byte[] expected = [0, 0, 0, 27, 0, 3, 0, 0, .. "user\0u\0database\0d\0\0"u8];
        Assert.Equal(expected, message);
    }

    [Fact]
    public void Query_and_terminate_carry_type_and_self_counting_length()
    {
        Assert.Equal([(byte)'Q', 0, 0, 0, 13, .. "SELECT 1\0"u8], FrontendMessages.SimpleQuery("SELECT 1"));
        Assert.Equal([(byte)'X', 0, 0, 0, 4], FrontendMessages.TerminateMessage());
    }

    [Fact]
    public void Sasl_initial_response_names_the_mechanism_and_counts_the_data()
    {
        byte[] data = Encoding.ASCII.GetBytes("n,,n=,r=abc");

        byte[] message = FrontendMessages.SaslInitialResponse("SCRAM-SHA-256", data);

        Assert.Equal([(byte)'p', 0, 0, 0, 33, .. "SCRAM-SHA-256\0"u8, 0, 0, 0, 11, .. data], message);
    }
}
