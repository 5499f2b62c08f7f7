using System.Collections.Concurrent;

namespace Torii.Connectors.Web.Security;

/// <summary>
/// Counts failed logins per client address and per user name over a sliding window; once either has
/// <see cref="Limit"/> failures within <see cref="Window"/>, further attempts are refused (429) without checking
/// the password, so guessing costs a minute per five tries whichever address or name is varied.
/// </summary>
internal sealed class LoginThrottle(TimeProvider time)
{
    public const int Limit = 5;
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, Queue<DateTimeOffset>> _failures = new(StringComparer.Ordinal);

    public bool IsBlocked(string clientAddress, string userName) =>
        Count("address:" + clientAddress) >= Limit || Count("user:" + userName) >= Limit;

    public void RecordFailure(string clientAddress, string userName)
    {
        Add("address:" + clientAddress);
        Add("user:" + userName);
    }

    private int Count(string key)
    {
        if (!_failures.TryGetValue(key, out Queue<DateTimeOffset>? failures))
        {
            return 0;
        }

        lock (failures)
        {
            Expire(failures);
            return failures.Count;
        }
    }

    private void Add(string key)
    {
        Queue<DateTimeOffset> failures = _failures.GetOrAdd(key, _ => new Queue<DateTimeOffset>());
        lock (failures)
        {
            Expire(failures);
            failures.Enqueue(time.GetUtcNow());
        }
    }

    private void Expire(Queue<DateTimeOffset> failures)
    {
        DateTimeOffset oldest = time.GetUtcNow() - Window;
        while (failures.Count > 0 && failures.Peek() <= oldest)
        {
            failures.Dequeue();
        }
    }
}
