namespace Torii.Config.Tests.Config;

public sealed class ConfigLoaderSettingsTests : IDisposable
{
    private readonly ConfigFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Empty_config_gives_the_defaults()
    {
        var config = _folder.Load("");

        Assert.Equal(new ProxySettings { CommandSocket = Path.Combine(_folder.Root, "torii.sock") }, config.Settings);
        Assert.Equal(_folder.ConfigPath, config.ConfigPath);
        Assert.Empty(config.Requests);
        Assert.Empty(config.Warnings);
    }

    [Fact]
    public void The_queueing_keys_are_read()
    {
        var config = _folder.Load("""
            accept_queue_timeout = 5

            [clusters.db]
            protocol = "tcp"
            queue_timeout = 7
            backends = [ { address = "127.0.0.1:5432", max_connections = 20 }, { address = "127.0.0.1:5433" } ]
            """);

        Assert.Equal(5, config.Settings.AcceptQueueTimeout);
        Assert.Empty(config.Warnings);
        var requests = config.Requests.Select(request => request.Request).ToList();
        Assert.Equal(7u, requests[0].AddCluster.QueueTimeout);
        Assert.Equal(20u, requests[1].AddBackend.MaxConnections);
        Assert.False(requests[2].AddBackend.HasMaxConnections);
    }

    [Fact]
    public void Without_queueing_keys_the_accept_queue_waits_a_minute_and_clusters_use_the_connect_timeout()
    {
        var config = _folder.Load("[clusters.db]\nprotocol = \"tcp\"\n");

        Assert.Equal(60, config.Settings.AcceptQueueTimeout);
        Assert.False(config.Requests[0].Request.AddCluster.HasQueueTimeout);
    }

    [Fact]
    public void Every_setting_is_read()
    {
        var config = _folder.Load("""
            command_socket = "/run/torii/command.sock"
            saved_state = "/var/lib/torii/state.json"
            automatic_state_save = true
            log_level = "DEBUG"
            log_target = "stderr"
            access_logs_target = "/var/log/torii/access.log"
            max_connections = 500
            max_command_buffer_size = 2_000_000
            front_timeout = 61
            back_timeout = 31
            connect_timeout = 4
            request_timeout = 11
            activate_listeners = false
            max_idle_backend_connections = 0
            backend_idle_timeout = 5
            request_id_header = "X-Request-Id"
            """);

        Assert.Equal(
            new ProxySettings
            {
                CommandSocket = "/run/torii/command.sock",
                SavedState = "/var/lib/torii/state.json",
                AutomaticStateSave = true,
                LogLevel = "debug",
                LogTarget = "stderr",
                AccessLogsTarget = "/var/log/torii/access.log",
                MaxConnections = 500,
                MaxCommandBufferSize = 2_000_000,
                FrontTimeout = 61,
                BackTimeout = 31,
                ConnectTimeout = 4,
                RequestTimeout = 11,
                ActivateListeners = false,
                MaxIdleBackendConnections = 0,
                BackendIdleTimeout = 5,
                RequestIdHeader = "X-Request-Id",
            },
            config.Settings);
    }

    [Fact]
    public void Relative_paths_resolve_against_the_config_folder()
    {
        var config = _folder.Load("""
            command_socket = "./run/torii.sock"
            saved_state = "state/state.json"
            access_logs_target = "file://logs/access.log"
            log_target = "logs/torii.log"
            """);

        Assert.Equal(Path.Combine(_folder.Root, "run", "torii.sock"), config.Settings.CommandSocket);
        Assert.Equal(Path.Combine(_folder.Root, "state", "state.json"), config.Settings.SavedState);
        Assert.Equal("file://" + Path.Combine(_folder.Root, "logs", "access.log"), config.Settings.AccessLogsTarget);
        Assert.Equal(Path.Combine(_folder.Root, "logs", "torii.log"), config.Settings.LogTarget);
    }

    [Fact]
    public void Network_log_targets_are_kept_as_written()
    {
        var config = _folder.Load("access_logs_target = \"udp://127.0.0.1:9876\"");

        Assert.Equal("udp://127.0.0.1:9876", config.Settings.AccessLogsTarget);
    }

    [Theory]
    [InlineData("access_logs_format = \"ascii\"", "ascii")]
    [InlineData("access_logs_format = \"JSON\"", "json")]
    [InlineData("access_logs_format = \"protobuf\"", "protobuf")]
    [InlineData("", "ascii")]
    public void Access_logs_format_is_read_with_ascii_by_default(string line, string expected)
    {
        var config = _folder.Load(line);

        Assert.Equal(expected, config.Settings.AccessLogsFormat);
        Assert.Empty(config.Warnings);
    }

    [Fact]
    public void An_unknown_access_logs_format_is_an_error()
    {
        var error = _folder.LoadError("access_logs_format = \"xml\"");

        Assert.Contains("unknown access_logs_format 'xml'; expected one of ascii, json, protobuf", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Sozu_only_settings_are_accepted_with_a_warning()
    {
        var config = _folder.Load("""
            worker_timeout = 10
            log_level = "info"
            buffer_size = 16393
            """);

        Assert.Equal(
            [
                $"{_folder.ConfigPath}:1:1: 'worker_timeout' is a Sōzu setting that Torii does not use; it is ignored",
                $"{_folder.ConfigPath}:3:1: 'buffer_size' is a Sōzu setting that Torii does not use; it is ignored",
            ],
            config.Warnings.Select(warning => warning.ToString()));
    }

    [Fact]
    public void Worker_count_is_read_and_defaults_to_one_loop_per_CPU()
    {
        Assert.Equal(3, _folder.Load("worker_count = 3").Settings.WorkerCount);
        Assert.Equal(0, _folder.Load("log_level = \"info\"").Settings.WorkerCount);
        Assert.Empty(_folder.Load("worker_count = 3").Warnings);
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("1025")]
    [InlineData("\"two\"")]
    public void A_worker_count_out_of_range_is_refused(string value)
    {
        var error = _folder.LoadError($"worker_count = {value}");

        Assert.Contains("worker_count", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_reads_a_file_from_disk()
    {
        _folder.Write("config.toml", "max_connections = 42\n");

        var config = ConfigLoader.Load(_folder.ConfigPath);

        Assert.Equal(42, config.Settings.MaxConnections);
    }
}
