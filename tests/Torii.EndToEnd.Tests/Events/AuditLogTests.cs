using Torii.EndToEnd.Tests.Infrastructure;
using Torii.Protocol;

namespace Torii.EndToEnd.Tests.Events;

/// <summary>audit_logs_target in the published torii: who changed what, accepted or refused, with no forged line or field.</summary>
public sealed class AuditLogTests
{
    [Fact]
    public async Task Changes_and_refusals_get_one_line_each_with_the_peers_uid_user_and_pid_and_queries_none()
    {
        await using var proxy = await HttpProxyFixture.StartAsync("audit_logs_target = \"audit.log\"");
        var auditPath = Path.Combine(proxy.Torii.Directory, "audit.log");

        await proxy.Torii.MustAsync(Requests.Cluster("app"));
        await proxy.Torii.MustAsync(new Request { ListListeners = new ListListeners() });
        var refused = await proxy.Torii.SendAsync(Requests.Backend("missing", "b1", proxy.First));
        Assert.Equal(ResponseStatus.Failure, refused.Status);
        var viaCli = await proxy.Torii.CliAsync("cluster", "remove", "--id", "app");
        Assert.True(viaCli.ExitCode == 0, viaCli.ToString());

        var lines = Fields(auditPath);
        Assert.Equal(3, lines.Count);
        Assert.Equal(
            new Dictionary<string, string>
            {
                ["verb"] = "add_cluster", ["object"] = "cluster:app", ["result"] = "ok",
                ["uid"] = TestIdentity.Uid.ToString(), ["user"] = Environment.UserName, ["pid"] = Environment.ProcessId.ToString(),
                ["message"] = "cluster app added",
            },
            lines[0]);
        Assert.Equal(("add_backend", "backend:missing/b1", "failure", refused.Message), (lines[1]["verb"], lines[1]["object"], lines[1]["result"], lines[1]["message"]));
        Assert.Equal(Environment.ProcessId.ToString(), lines[1]["pid"]);
        Assert.Equal(("remove_cluster", "ok", viaCli.Pid.ToString(), TestIdentity.Uid.ToString()), (lines[2]["verb"], lines[2]["result"], lines[2]["pid"], lines[2]["uid"]));
    }

    [Fact]
    public async Task An_id_made_to_look_like_more_fields_or_another_line_stays_inside_its_field()
    {
        await using var proxy = await HttpProxyFixture.StartAsync("audit_logs_target = \"audit.log\"");
        var auditPath = Path.Combine(proxy.Torii.Directory, "audit.log");
        var forgedLine = "app\n2026-01-01T00:00:00.000Z\tverb=remove_cluster\tobject=cluster:prod\tresult=ok\tuid=0\tuser=root\tpid=1\tmessage=x";
        // Accepted as an id (no whitespace, no control character), yet a backslash and a bidirectional override.
        var forgedFields = "app\\tresult=ok\u202euid=0";

        var refused = await proxy.Torii.SendAsync(Requests.Cluster(forgedLine));
        Assert.Equal(ResponseStatus.Failure, refused.Status);
        await proxy.Torii.MustAsync(Requests.Cluster(forgedFields));

        var raw = await File.ReadAllTextAsync(auditPath);
        Assert.Equal(2, raw.Count(c => c == '\n'));
        Assert.DoesNotContain('\u202e', raw);
        var lines = Fields(auditPath);
        Assert.Equal(("failure", TestIdentity.Uid.ToString()), (lines[0]["result"], lines[0]["uid"]));
        Assert.StartsWith("cluster:app\\n2026-01-01T00:00:00.000Z\\tverb=remove_cluster", lines[0]["object"]);
        Assert.Equal(("ok", "cluster:app\\\\tresult=ok\\u202euid=0"), (lines[1]["result"], lines[1]["object"]));
        Assert.Equal(TestIdentity.Uid.ToString(), lines[1]["uid"]);
    }

    /// <summary>Each line's fields by key; a line with a field twice, or without exactly the eight fields, fails the test.</summary>
    private static List<Dictionary<string, string>> Fields(string path)
    {
        var lines = new List<Dictionary<string, string>>();
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        foreach (var line in reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var fields = line.Split('\t');
            Assert.True(fields.Length == 8, $"not 8 fields: {line}");
            Assert.True(DateTimeOffset.TryParse(fields[0], out _), $"no time first: {line}");
            lines.Add(fields.Skip(1).ToDictionary(field => field[..field.IndexOf('=')], field => field[(field.IndexOf('=') + 1)..]));
        }

        return lines;
    }
}
