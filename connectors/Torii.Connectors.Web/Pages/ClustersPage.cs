using System.Globalization;
using Google.Protobuf;
using Torii.Connectors.Web.Proxy;

namespace Torii.Connectors.Web.Pages;

/// <summary>Each cluster with its frontends and backends (health, weight, connections, rates), and the forms that change them.</summary>
internal static class ClustersPage
{
    public static Markup Render(PageContext context, ConsoleState state)
    {
        Markup clusters = state.Clusters.Count == 0
            ? Html.Of($"<p>No cluster.</p>")
            : Html.Join(state.Clusters.Select(cluster => Cluster(context, cluster)));
        Markup live = Html.Of($"{ProxyStatus.Render(state)}{clusters}");
        return Layout.Page("Clusters", "/clusters", context, live, context.IsAdmin ? Forms(context, state) : Markup.Empty, refreshSeconds: 5);
    }

    private static Markup Cluster(PageContext context, ClusterView cluster)
    {
        Markup frontends = cluster.Frontends.Count == 0
            ? Html.Of($"<p>No frontend.</p>")
            : Html.Of($"""
                <table class="frontends"><thead><tr><th>Protocol</th><th>Listener</th><th>Route</th><th></th></tr></thead><tbody>
                {cluster.Frontends.Select(frontend => Html.Of($"<tr><td>{frontend.Protocol}</td><td>{frontend.Address}</td><td>{frontend.Route}</td><td>{context.ButtonForm("/frontends/remove", "Remove", ("request", Convert.ToBase64String(frontend.Removal.ToByteArray())))}</td></tr>"))}
                </tbody></table>
                """);
        Markup backends = cluster.Backends.Count == 0
            ? Html.Of($"<p>No backend.</p>")
            : Html.Of($"""
                <table class="backends"><thead><tr><th>Backend</th><th>Address</th><th>Health</th><th>Weight</th><th>Connections</th><th>req/s</th><th>err/s</th><th></th></tr></thead><tbody>
                {cluster.Backends.Select(backend => Backend(context, cluster.Id, backend))}
                </tbody></table>
                """);
        return Html.Of($"""
            <section class="cluster" data-cluster="{cluster.Id}">
            <h2>{cluster.Id}</h2>
            <p class="meta">{cluster.LoadBalancing} · {Rate(cluster.RequestRate)} req/s · {Rate(cluster.ErrorRate)} err/s · {(cluster.HealthChecked ? "health-checked" : "no health check")}
            {context.ButtonForm("/clusters/remove", "Remove cluster", ("cluster_id", cluster.Id))}</p>
            <h3>Frontends</h3>{frontends}
            <h3>Backends</h3>{backends}
            </section>
            """);
    }

    private static Markup Backend(PageContext context, string clusterId, BackendView backend)
    {
        string healthClass = backend.Health.StartsWith("UP", StringComparison.Ordinal) ? "up"
            : backend.Health.StartsWith("DOWN", StringComparison.Ordinal) ? "down" : "unknown";
        return Html.Of($"""
            <tr data-backend="{backend.Id}"><td>{backend.Id}{(backend.Backup ? " (backup)" : "")}</td><td>{backend.Address}</td>
            <td class="health {healthClass}" data-health="{backend.Health}">{backend.Health}</td><td>{backend.Weight}</td><td>{backend.Connections}</td>
            <td>{Rate(backend.RequestRate)}</td><td>{Rate(backend.ErrorRate)}</td>
            <td>{context.ButtonForm("/backends/drain", "Drain", ("cluster_id", clusterId), ("backend_id", backend.Id))}
            {context.ButtonForm("/backends/remove", "Remove", ("cluster_id", clusterId), ("backend_id", backend.Id), ("address", backend.Address))}</td></tr>
            """);
    }

    private static Markup Forms(PageContext context, ConsoleState state)
    {
        Markup clusterOptions = Html.Join(state.Clusters.Select(cluster => Html.Of($"<option value=\"{cluster.Id}\">{cluster.Id}</option>")));
        Markup listenerOptions = Html.Join(state.Listeners.Where(listener => listener.Protocol != "TCP")
            .Select(listener => Html.Of($"<option value=\"{listener.Protocol}|{listener.Address}\">{listener.Protocol} {listener.Address}</option>")));
        return Html.Of($"""
            <section class="forms">
            <form method="post" action="/clusters/add" id="add-cluster"><h2>Add a cluster</h2>{context.TokenInput}
            <label>Cluster id <input name="cluster_id" required></label>
            <label>Load balancing <select name="load_balancing"><option>ROUND_ROBIN</option><option>RANDOM</option><option>LEAST_LOADED</option><option>POWER_OF_TWO</option></select></label>
            <button type="submit">Add cluster</button></form>
            <form method="post" action="/frontends/add" id="add-frontend"><h2>Add a frontend</h2>{context.TokenInput}
            <label>Cluster <select name="cluster_id">{clusterOptions}</select></label>
            <label>Listener <select name="listener">{listenerOptions}</select></label>
            <label>Host name <input name="hostname" required></label>
            <label>Path prefix <input name="path" placeholder="/"></label>
            <button type="submit">Add frontend</button></form>
            <form method="post" action="/backends/add" id="add-backend"><h2>Add a backend</h2>{context.TokenInput}
            <label>Cluster <select name="cluster_id">{clusterOptions}</select></label>
            <label>Backend id <input name="backend_id" required></label>
            <label>Address <input name="address" placeholder="127.0.0.1:8080" required></label>
            <label>Weight <input name="weight" type="number" min="0" max="100" value="100"></label>
            <button type="submit">Add backend</button></form>
            </section>
            """);
    }

    private static string Rate(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);
}
