using Google.Protobuf;

namespace Torii.Protocol.Tests;

/// <summary>Randomly damaged input, from a fixed seed so any failure reproduces.</summary>
public sealed class MutationTests
{
    private const int Iterations = 20_000;

    [Fact]
    public void DamagedBinaryRequestsEitherFailToDecodeOrAreValidatedWithoutThrowing()
    {
        var random = new Random(2);
        byte[][] seeds = SampleRequests.All().Select(r => r.ToByteArray()).ToArray();
        int decoded = 0;

        for (int i = 0; i < Iterations; i++)
        {
            byte[] bytes = Mutate(seeds[random.Next(seeds.Length)], random);
            Request request;
            try
            {
                request = Request.Parser.ParseFrom(bytes);
            }
            catch (InvalidProtocolBufferException)
            {
                continue;
            }

            decoded++;
            string? reason = RequestValidator.Validate(request);
            Assert.True(reason is null || !reason.Contains('\n'));
            Assert.Equal(request.RequestTypeCase, ProtocolJson.ParseRequest(ProtocolJson.Format(request)).RequestTypeCase);
        }

        Assert.True(decoded > 0);
    }

    [Fact]
    public void DamagedJsonRequestsOnlyEverFailAsMalformedJson()
    {
        var random = new Random(1);
        string[] seeds = SampleRequests.All().Select(ProtocolJson.Format).ToArray();
        const string alphabet = "{}[]\":,0123456789-.eE tfnrul\\/abcxyz_\u0000\u00ff";

        for (int i = 0; i < Iterations; i++)
        {
            char[] text = seeds[random.Next(seeds.Length)].ToCharArray();
            for (int edits = random.Next(1, 4); edits > 0; edits--)
            {
                text[random.Next(text.Length)] = alphabet[random.Next(alphabet.Length)];
            }

            try
            {
                RequestValidator.Validate(ProtocolJson.ParseRequest(new string(text)));
            }
            catch (MalformedJsonException)
            {
                // Expected for most damage; any other exception type fails the test.
            }
        }
    }

    private static byte[] Mutate(byte[] seed, Random random)
    {
        byte[] bytes = (byte[])seed.Clone();
        for (int edits = random.Next(1, 4); edits > 0; edits--)
        {
            bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
        }

        return bytes;
    }
}
