using System.Text.RegularExpressions;
using Google.Protobuf.Reflection;

namespace Torii.Protocol.Tests;

/// <summary>docs/command-protocol.md's table of requests stays true: every request of the proto, with Torii's status.</summary>
public sealed partial class CommandProtocolDocTests
{
    [Fact]
    public void The_table_lists_every_request_with_its_field_number_and_whether_torii_carries_it_out()
    {
        var rows = TableRows().ToDictionary(row => row.Name, StringComparer.Ordinal);
        var oneof = Request.Descriptor.Oneofs.Single(o => o.Name == "request_type");

        Assert.Equal(oneof.Fields.Count, rows.Count);
        foreach (FieldDescriptor field in oneof.Fields)
        {
            Assert.True(rows.TryGetValue(field.Name, out var row), $"docs/command-protocol.md has no row for {field.Name}");
            Assert.Equal(field.FieldNumber, row.Number);
            var supported = SupportedRequests.IsSupported((Request.RequestTypeOneofCase)field.FieldNumber);
            Assert.True(supported == (row.Status != "FAILURE \"unsupported request\""), $"{field.Name}: the table says {row.Status}, Torii {(supported ? "carries it out" : "answers unsupported")}");
        }
    }

    [Theory]
    [InlineData("implemented")]
    [InlineData("partial")]
    [InlineData("unsupported")]
    public void The_counts_in_the_text_are_the_table_s(string status)
    {
        var text = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "command-protocol.md"));
        var stated = Regex.Match(text, $@"^- \*\*{status}\*\* \((\d+)\)", RegexOptions.Multiline);
        var rows = TableRows().Count(row => status == "unsupported" ? row.Status == "FAILURE \"unsupported request\"" : row.Status == status);

        Assert.True(stated.Success, $"docs/command-protocol.md does not say how many requests are {status}");
        Assert.Equal(rows, int.Parse(stated.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
    }

    private static IEnumerable<(int Number, string Name, string Status)> TableRows()
    {
        foreach (var line in File.ReadLines(Path.Combine(RepositoryRoot(), "docs", "command-protocol.md")))
        {
            var match = Row().Match(line);
            if (match.Success)
            {
                yield return (int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), match.Groups[2].Value, match.Groups[3].Value.Trim());
            }
        }
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Torii.slnx")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Torii.slnx not found above the test assembly");
    }

    [GeneratedRegex(@"^\| (\d+) \| `([A-Za-z_]+)` \| [^|]* \| ([^|]+) \|")]
    private static partial Regex Row();
}
