using Alerts.Cli.Runner;
using Alerts.Core.Tests.Support;

namespace Alerts.Core.Tests.Runner;

public sealed class QueueSettingsTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private string HostJson(string content)
    {
        var path = _temp.File("host.json");
        File.WriteAllText(path, content);
        return path;
    }

    [Fact]
    public void Reads_the_queue_settings()
    {
        var path = HostJson("""
            {
              // comments are allowed in host.json
              "version": "2.0",
              "extensions": {
                "queues": {
                  "batchSize": 4,
                  "newBatchThreshold": 2,
                  "maxPollingInterval": "00:00:02",
                  "visibilityTimeout": "00:00:10",
                  "maxDequeueCount": 3,
                  "messageEncoding": "base64"
                }
              }
            }
            """);

        var settings = QueueSettings.Load(path);

        Assert.Equal(new QueueSettings(4, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(10), 3), settings);
    }

    [Fact]
    public void Reads_the_repository_host_json()
    {
        var settings = QueueSettings.Load(Path.Combine(RepoPaths.Root, "host.json"));

        Assert.Equal(new QueueSettings(16, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(10), 5), settings);
    }

    [Fact]
    public void Missing_values_take_the_defaults()
    {
        var settings = QueueSettings.Load(HostJson("""{"extensions":{"queues":{"batchSize":8}}}"""));

        Assert.Equal(QueueSettings.Defaults with { BatchSize = 8 }, settings);
    }

    [Fact]
    public void Missing_file_gives_the_defaults()
    {
        var settings = QueueSettings.Load(_temp.File("no-such-host.json"));

        Assert.Equal(new QueueSettings(16, TimeSpan.FromMinutes(1), TimeSpan.Zero, 5), settings);
        Assert.Same(QueueSettings.Defaults, settings);
    }

    [Fact]
    public void File_without_a_queues_section_gives_the_defaults()
        => Assert.Same(QueueSettings.Defaults, QueueSettings.Load(HostJson("""{"version":"2.0"}""")));

    [Theory]
    [InlineData("{ \"extensions\": ")]
    [InlineData("not json")]
    [InlineData("""{"extensions":{"queues":{"batchSize":"many"}}}""")]
    [InlineData("""{"extensions":{"queues":{"maxPollingInterval":"soon"}}}""")]
    [InlineData("""{"extensions":{"queues":{"visibilityTimeout":10}}}""")]
    public void Invalid_file_throws_a_settings_exception_naming_it(string content)
    {
        var path = HostJson(content);

        var e = Assert.Throws<SettingsException>(() => QueueSettings.Load(path));

        Assert.Contains(path, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Null_time_span_throws_a_settings_exception()
    {
        var path = HostJson("""{"extensions":{"queues":{"maxPollingInterval":null}}}""");

        Assert.Throws<SettingsException>(() => QueueSettings.Load(path));
    }
}
