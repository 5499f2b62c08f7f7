using System.Text;
using Torii.Protocol;
using Torii.Proxy.Logging;

namespace Torii.Proxy.State;

/// <summary>
/// automatic_state_save: the saved state file is the whole state as requests, then one
/// line per change applied since. A change is written (to the OS, so it survives the
/// process) before its OK is sent, so nothing acknowledged is lost when the proxy dies;
/// when the appended lines outgrow the state, the file is rewritten whole.
/// </summary>
public sealed class StateJournal : IDisposable
{
    private const int MinimumLinesBeforeCompaction = 10_000;

    private readonly string _path;
    private readonly Func<IEnumerable<Request>> _currentState;
    private StreamWriter? _writer;
    private int _linesSinceCompaction;
    private int _stateLines;

    public StateJournal(string path, Func<IEnumerable<Request>> currentState)
    {
        _path = System.IO.Path.GetFullPath(path);
        _currentState = currentState;
        Compact();
    }

    public string FilePath => _path;

    public void Append(Request request)
    {
        try
        {
            if (_writer is null || _linesSinceCompaction >= Math.Max(MinimumLinesBeforeCompaction, 2 * _stateLines))
            {
                Compact();
                return;
            }

            _writer.Write(ProtocolJson.Format(request));
            _writer.Write('\n');
            _writer.Flush();
            _linesSinceCompaction++;
        }
        catch (IOException e)
        {
            Log.Error($"automatic state save to {_path} failed: {e.Message}; the whole state will be written on the next change");
            CloseWriter();
        }
    }

    public void Dispose() => CloseWriter();

    private void Compact()
    {
        CloseWriter();
        var requests = _currentState().ToList();
        var temporary = _path + ".tmp";
        using (var writer = new StreamWriter(temporary, append: false, new UTF8Encoding(false)))
        {
            StateFile.Write(writer, requests);
        }

        File.Move(temporary, _path, overwrite: true);
        _stateLines = requests.Count;
        _linesSinceCompaction = 0;
        _writer = new StreamWriter(new FileStream(_path, FileMode.Append, FileAccess.Write, FileShare.Read), new UTF8Encoding(false));
    }

    private void CloseWriter()
    {
        _writer?.Dispose();
        _writer = null;
    }
}
