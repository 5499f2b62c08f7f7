using System.Net;
using Torii.Protocol;
using Torii.Proxy.Audit;
using Torii.Proxy.Command;
using Torii.Proxy.Logging;

namespace Torii.Proxy.Tests.Audit;

/// <summary>Audit lines: their fields, and values that try to forge a field or a line.</summary>
public sealed class AuditLogTests
{
    private static readonly CommandPeer Alice = new(1000, 1000, 4242, "alice");
    private static readonly DateTimeOffset Noon = new(2026, 12, 6, 12, 0, 0, 123, TimeSpan.Zero);

    [Fact]
    public void A_line_has_the_time_verb_object_result_peer_and_message_in_tab_separated_fields()
    {
        var line = new AuditEntry(Noon, "add_cluster", "cluster:app", true, "cluster app added", Alice).Format();

        Assert.Equal(
            "2026-12-06T12:00:00.123Z\tverb=add_cluster\tobject=cluster:app\tresult=ok\tuid=1000\tuser=alice\tpid=4242\tmessage=cluster app added",
            line);
    }

    [Theory]
    [InlineData("app\n2026-12-06T12:00:00.000Z\tverb=remove_cluster\tobject=cluster:prod\tresult=ok\tuid=0")]
    [InlineData("app\tresult=ok\tuid=0\tuser=root")]
    [InlineData("app\r\u0085\u2028\u2029\u001b[2J\u202e")]
    [InlineData("app\\tresult=ok")]
    public void A_value_cannot_add_a_line_or_a_field(string clusterId)
    {
        var line = new AuditEntry(Noon, "add_cluster", "cluster:" + clusterId, false, $"no cluster \"{clusterId}\"", Alice).Format();

        Assert.DoesNotContain('\n', line);
        Assert.DoesNotContain('\r', line);
        Assert.DoesNotContain(line, c => char.IsControl(c) && c != '\t');
        var fields = line.Split('\t');
        Assert.Equal(["time", "verb", "object", "result", "uid", "user", "pid", "message"], fields.Select(Key));
        Assert.Equal("result=failure", fields[3]);
        Assert.Equal("uid=1000", fields[4]);
        Assert.Equal("cluster:" + clusterId, Unescape(fields[2]["object=".Length..]));
    }

    [Fact]
    public void Escaping_is_reversible_so_a_value_written_with_a_backslash_is_not_mistaken_for_an_escape()
    {
        Assert.Equal(@"a\\tb", FieldEscaping.Escape(@"a\tb"));
        Assert.Equal(@"a\tb", FieldEscaping.Escape("a\tb"));
        Assert.Equal("plain value", FieldEscaping.Escape("plain value"));
    }

    [Fact]
    public void The_object_of_a_certificate_or_health_check_request_never_carries_its_secret()
    {
        var address = SocketAddresses.ToProto(new IPEndPoint(IPAddress.Loopback, 8443));
        var addCertificate = new Request
        {
            AddCertificate = new AddCertificate { Address = address, Certificate = new CertificateAndKey { Certificate = "-----BEGIN CERTIFICATE-----", Key = "-----BEGIN PRIVATE KEY-----SECRET" } },
        };
        var setCheck = new Request
        {
            SetHealthCheck = new SetHealthCheck { ClusterId = "db", Config = new HealthCheckConfig { Kind = HealthCheckKind.HealthCheckPostgresql, User = "probe", Password = "hunter2" } },
        };

        Assert.Equal("certificate:127.0.0.1:8443", AuditTarget.Of(addCertificate));
        Assert.Equal("cluster:db", AuditTarget.Of(setCheck));
    }

    [Fact]
    public void A_refused_request_whose_address_does_not_parse_still_gets_an_object()
    {
        var request = new Request { RemoveListener = new RemoveListener { Address = new Torii.Protocol.SocketAddress { Port = 80 } } };

        Assert.Equal("(unreadable)", AuditTarget.Of(request));
    }

    [Fact]
    public void A_file_target_gets_one_flushed_line_per_entry()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("torii-audit-").FullName, "audit.log");
        using (var log = AuditLog.Open(path)!)
        {
            log.Write(new AuditEntry(Noon, "add_cluster", "cluster:a", true, "added", Alice));

            // Flushed before Write returns: readable while the log is still open.
            Assert.Single(ReadShared(path));
            log.Write(new AuditEntry(Noon, "remove_cluster", "cluster:a\nforged", false, "no", Alice));
        }

        var lines = ReadShared(path);
        Assert.Equal(2, lines.Length);
        Assert.Contains("\tobject=cluster:a\\nforged\t", lines[1]);
        Assert.Null(AuditLog.Open("off"));
        Assert.Null(AuditLog.Open(null));
    }

    private static string[] ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    private static string Key(string field, int index) => index == 0 ? "time" : field[..field.IndexOf('=')];

    /// <summary>The inverse of <see cref="FieldEscaping.Escape"/>, as a reader of the log would write it.</summary>
    private static string Unescape(string value)
    {
        var text = new System.Text.StringBuilder();
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] != '\\')
            {
                text.Append(value[i]);
                continue;
            }

            var next = value[++i];
            switch (next)
            {
                case 't': text.Append('\t'); break;
                case 'n': text.Append('\n'); break;
                case 'r': text.Append('\r'); break;
                case 'u': text.Append((char)Convert.ToInt32(value.Substring(i + 1, 4), 16)); i += 4; break;
                default: text.Append(next); break;
            }
        }

        return text.ToString();
    }
}
