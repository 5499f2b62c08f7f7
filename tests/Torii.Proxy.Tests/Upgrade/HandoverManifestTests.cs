using Torii.Proxy.Upgrade;

namespace Torii.Proxy.Tests.Upgrade;

public sealed class HandoverManifestTests
{
    [Fact]
    public void Entries_come_back_in_order_after_the_length_prefix()
    {
        HandoverEntry[] entries =
        [
            new(HandoverKind.Listener, "127.0.0.1:8080"),
            new(HandoverKind.Listener, "[::1]:8443"),
            new(HandoverKind.Command, "-"),
            new(HandoverKind.Output, "1"),
        ];

        var bytes = HandoverManifest.Encode(entries);
        var length = HandoverManifest.BodyLength(bytes.AsSpan(0, HandoverManifest.LengthPrefix));

        Assert.Equal(bytes.Length - HandoverManifest.LengthPrefix, length);
        Assert.Equal(entries, HandoverManifest.Decode(bytes.AsSpan(HandoverManifest.LengthPrefix)));
    }

    [Fact]
    public void Another_version_or_an_unknown_entry_is_refused()
    {
        Assert.Throws<InvalidDataException>(() => HandoverManifest.Decode("torii-handover 2\nlistener 127.0.0.1:80\n"u8));
        Assert.Throws<InvalidDataException>(() => HandoverManifest.Decode("torii-handover 1\nsecret 3\n"u8));
        Assert.Throws<InvalidDataException>(() => HandoverManifest.BodyLength(BitConverter.GetBytes(-1)));
    }
}
