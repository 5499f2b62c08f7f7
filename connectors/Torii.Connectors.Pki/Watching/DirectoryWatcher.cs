using System.Threading.Channels;

namespace Torii.Connectors.Pki.Watching;

/// <summary>
/// Turns file events under the directory into a signal that something changed; which file does not
/// matter, since every pass reads the whole directory. A watcher that fails (the directory is missing
/// or removed, the kernel's event queue overflowed) signals once and is created again on the next
/// <see cref="EnsureWatching"/>; the periodic rescan covers the gap.
/// </summary>
internal sealed class DirectoryWatcher(string directory) : IDisposable
{
    private readonly Channel<bool> _changes = Channel.CreateBounded<bool>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    private FileSystemWatcher? _watcher;
    private volatile bool _failed;

    public ChannelReader<bool> Changes => _changes.Reader;

    /// <returns>Null when events are being watched, else why not.</returns>
    public string? EnsureWatching()
    {
        if (_watcher is not null && !_failed)
        {
            return null;
        }

        _watcher?.Dispose();
        _watcher = null;
        _failed = false;
        try
        {
            var watcher = new FileSystemWatcher(directory)
            {
                IncludeSubdirectories = true,
                NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size,
            };
            watcher.Created += (_, _) => Signal();
            watcher.Changed += (_, _) => Signal();
            watcher.Deleted += (_, _) => Signal();
            watcher.Renamed += (_, _) => Signal();
            watcher.Error += (_, _) =>
            {
                _failed = true;
                Signal();
            };
            watcher.EnableRaisingEvents = true;
            _watcher = watcher;
            return null;
        }
        catch (Exception exception) when (exception is ArgumentException or IOException or UnauthorizedAccessException)
        {
            return $"cannot watch {directory} for changes ({exception.Message}); relying on the periodic rescan";
        }
    }

    public void Dispose()
    {
        _watcher?.Dispose();
        _changes.Writer.TryComplete();
    }

    private void Signal() => _changes.Writer.TryWrite(true);
}
