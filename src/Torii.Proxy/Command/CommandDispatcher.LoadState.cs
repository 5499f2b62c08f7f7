using Torii.Protocol;
using Torii.Proxy.State;

namespace Torii.Proxy.Command;

public sealed partial class CommandDispatcher
{
    /// <summary>From this many requests on, a state load ends with a full collection (see <see cref="CollectAfterBulkLoad"/>).</summary>
    private const int BulkLoadRequests = 10_000;

    private async Task<string> LoadStateAsync(string path, CancellationToken cancellationToken)
    {
        var requests = await ReadStateFileAsync(path, cancellationToken).ConfigureAwait(false);
        var (applied, failed) = (0, 0);
        foreach (var request in requests)
        {
            var response = await ExecuteLockedAsync(request, cancellationToken).ConfigureAwait(false);
            if (response.Status == ResponseStatus.Ok)
            {
                applied++;
            }
            else
            {
                failed++;
            }
        }

        if (requests.Count >= BulkLoadRequests)
        {
            requests.Clear();
            CollectAfterBulkLoad();
        }

        return $"loaded {Path.GetFullPath(path)}: {applied} requests applied, {failed} failed";
    }

    /// <summary>
    /// A large state file leaves its parsed requests and every intermediate snapshot behind (hundreds of
    /// megabytes for 100,000 clusters). One compacting collection now, while the load is answered anyway,
    /// gives that memory back to the system; left alone, the first full collection would come later, in
    /// the middle of traffic and changes, as a stall of the same length (bench/run.sh scenario s).
    /// A full collection moves what survives it up one generation only: the last part of the state,
    /// still in gen0 at the end of the load, would stay young, with cards of the old state pointing at
    /// it, and the next two collections (a gen0 then a gen1 one, in the middle of changes) would each
    /// take over 100 ms at 100,000 clusters (GC events: 136 ms for a gen0 collection promoting 276 KB).
    /// An ephemeral collection first makes the whole state old before the full one.
    /// </summary>
    private static void CollectAfterBulkLoad()
    {
        GC.Collect(1, GCCollectionMode.Forced, blocking: true);
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
    }

    /// <summary>Reads the whole file before applying anything, so a malformed file changes nothing.</summary>
    public static async Task<List<Request>> ReadStateFileAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            using var reader = new StreamReader(path);
            return await StateFile.ReadAllAsync(reader, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CommandException($"cannot read state file {Path.GetFullPath(path)}: {e.Message}");
        }
        catch (StateFileException e)
        {
            throw new CommandException($"state file {Path.GetFullPath(path)}: {e.Message}");
        }
    }
}
