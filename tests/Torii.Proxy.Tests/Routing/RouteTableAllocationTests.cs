using System.Text;
using Torii.Proxy.Routing;

namespace Torii.Proxy.Tests.Routing;

[Collection("allocation measurements")]
public sealed class RouteTableAllocationTests
{
    [Fact]
    public void MatchDoesNotAllocateAfterWarmUp()
    {
        RouteTable table = Routes.Table(
            Routes.Prefix("example.com", "/", "root"),
            Routes.Prefix("example.com", "/api", "api"),
            Routes.Prefix("example.com", "/api", "api-post", method: "POST"),
            Routes.Exact("example.com", "/health", "health"),
            Routes.Regex("example.com", @"^/img/.+\.png$", "images"),
            Routes.Prefix("*.example.com", "/", "wild"));
        byte[] longPath = Encoding.ASCII.GetBytes("/img/" + new string('x', 2_000) + ".png");
        byte[][] hosts = ["example.com"u8.ToArray(), "WWW.Example.com:8080"u8.ToArray(), "unknown.org"u8.ToArray()];
        byte[][] paths = ["/api/x"u8.ToArray(), "/health?x=1"u8.ToArray(), "/img/a.png"u8.ToArray(), "/other"u8.ToArray(), longPath];
        byte[][] methods = ["GET"u8.ToArray(), "POST"u8.ToArray()];

        int found = RunAll(table, hosts, paths, methods);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 200; i++)
        {
            found += RunAll(table, hosts, paths, methods);
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);
        Assert.Equal(201 * 20, found);
    }

    private static int RunAll(RouteTable table, byte[][] hosts, byte[][] paths, byte[][] methods)
    {
        int found = 0;
        foreach (byte[] host in hosts)
        {
            foreach (byte[] path in paths)
            {
                foreach (byte[] method in methods)
                {
                    if (table.Match(host, path, method).Found)
                    {
                        found++;
                    }
                }
            }
        }

        return found;
    }
}
