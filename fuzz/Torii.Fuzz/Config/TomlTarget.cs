using System.Diagnostics.CodeAnalysis;
using System.Text;
using Torii.Config.Toml;

namespace Torii.Fuzz.Config;

/// <summary>
/// The TOML reader: it fails only with TomlException, and it is deterministic: the same bytes
/// give the same document (or the same error), whether read as UTF-8 bytes or as the decoded string.
/// </summary>
internal sealed class TomlTarget : IFuzzTarget
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public string Name => "toml";

    public void Run(byte[] input)
    {
        string first = Outcome(() => TomlParser.Parse(input, "fuzz.toml"));
        Check.Equal(first, Outcome(() => TomlParser.Parse(input, "fuzz.toml")), "the same bytes parsed twice");
        if (TryDecode(input, out string? text))
        {
            Check.Equal(first, Outcome(() => TomlParser.Parse(text, "fuzz.toml")), "the bytes parsed as a string");
        }
    }

    private static string Outcome(Func<TomlTable> parse)
    {
        try
        {
            return TomlDump.Of(parse());
        }
        catch (TomlException exception)
        {
            Check.That(exception.Line >= 1 && exception.Column >= 1, $"error position {exception.Position}");
            return "error " + exception.Message;
        }
    }

    private static bool TryDecode(byte[] input, [NotNullWhen(true)] out string? text)
    {
        try
        {
            text = StrictUtf8.GetString(input);
            return true;
        }
        catch (DecoderFallbackException)
        {
            text = null;
            return false;
        }
    }
}
