namespace Torii.Pulsar.Tests;

public sealed class NamesAndAddressesTests
{
    [Theory]
    [InlineData("orders", "persistent://public/default/orders")]
    [InlineData("acme/prod/orders", "persistent://acme/prod/orders")]
    [InlineData("persistent://acme/prod/orders", "persistent://acme/prod/orders")]
    [InlineData("non-persistent://acme/prod/orders", "non-persistent://acme/prod/orders")]
    [InlineData("persistent://sample/standalone/ns1/demo", "persistent://sample/standalone/ns1/demo")]
    public void Topic_names_are_completed_as_pulsar_does(string given, string expected) =>
        Assert.Equal(expected, TopicName.Normalize(given));

    [Theory]
    [InlineData("acme/orders")]
    [InlineData("persistent://orders")]
    [InlineData("kafka://a/b/c")]
    [InlineData("a//c")]
    public void Malformed_topic_names_are_refused(string given) =>
        Assert.Throws<ArgumentException>(() => TopicName.Normalize(given));

    [Theory]
    [InlineData("pulsar://broker:6651", "broker", 6651)]
    [InlineData("pulsar://broker", "broker", 6650)]
    [InlineData("pulsar://broker:6650/", "broker", 6650)]
    [InlineData("pulsar://[::1]:6650", "::1", 6650)]
    public void Broker_urls_parse(string url, string host, int port) =>
        Assert.Equal(new BrokerAddress(host, port), BrokerAddress.Parse(url));

    [Theory]
    [InlineData("pulsar+ssl://broker:6651")]
    [InlineData("http://broker:8080")]
    [InlineData("pulsar://broker:0")]
    [InlineData("pulsar://:6650")]
    public void Other_urls_are_refused(string url) =>
        Assert.Throws<FormatException>(() => BrokerAddress.Parse(url));

    [Fact]
    public void A_service_url_with_several_hosts_hands_them_out_in_turn()
    {
        ServiceAddresses service = ServiceAddresses.Parse("pulsar://a:1,b:2, c");

        Assert.Equal([new BrokerAddress("a", 1), new BrokerAddress("b", 2), new BrokerAddress("c", 6650)], service.All);
        Assert.Equal(["a", "b", "c", "a"], Enumerable.Range(0, 4).Select(_ => service.Next().Host));
    }

    [Fact]
    public void Options_refuse_a_tls_service_url()
    {
        var error = Assert.Throws<ArgumentException>(() => new PulsarClient(new PulsarClientOptions { ServiceUrl = "pulsar+ssl://broker:6651" }));

        Assert.Contains("TLS", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Backoff_doubles_up_to_its_maximum_and_starts_over_after_a_reset()
    {
        var backoff = new Backoff(TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(500));

        Assert.Equal([100, 200, 400, 500, 500], Enumerable.Range(0, 5).Select(_ => backoff.Next().TotalMilliseconds));
        backoff.Reset();
        Assert.Equal(100, backoff.Next().TotalMilliseconds);
    }

    [Fact]
    public void Message_ids_write_partition_and_batch_index_only_when_set()
    {
        Proto.MessageIdData plain = new MessageId(1, 2).ToProto();
        Proto.MessageIdData batched = new MessageId(1, 2, 0, 3).ToProto();

        Assert.False(plain.HasPartition);
        Assert.False(plain.HasBatchIndex);
        Assert.Equal(new MessageId(1, 2, 0, 3), MessageId.FromProto(batched));
        Assert.Equal(new MessageId(1, 2, 0), new MessageId(1, 2, 0, 3).Entry);
    }
}
