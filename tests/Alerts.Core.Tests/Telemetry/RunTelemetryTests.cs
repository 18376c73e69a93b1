using System.Diagnostics;
using Alerts.Core.Status;
using Alerts.Core.Storage;
using Alerts.Core.Telemetry;
using Azure;
using Azure.Data.Tables;
using Azure.Data.Tables.Models;
using Azure.Storage.Queues;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Alerts.Core.Tests.Telemetry;

/// <summary>Every timer run through <see cref="RunLog"/> leaves a span and run metrics, seen by OpenTelemetry's in-memory exporter.</summary>
public sealed class RunTelemetryTests : IDisposable
{
    // A name no other test uses: the source and meter are process-wide and tests run in parallel.
    private readonly string _function = "TelemetryProbe" + Guid.NewGuid().ToString("N")[..8];
    private readonly List<Activity> _spans = [];
    private readonly List<Metric> _metrics = [];
    private readonly TracerProvider _tracing;
    private readonly MeterProvider _meters;
    private readonly RunLog _runs;

    public RunTelemetryTests()
    {
        _tracing = Sdk.CreateTracerProviderBuilder().AddSource(AlertsTelemetry.Name).AddInMemoryExporter(_spans).Build()!;
        _meters = Sdk.CreateMeterProviderBuilder().AddMeter(AlertsTelemetry.Name).AddInMemoryExporter(_metrics).Build()!;
        _runs = new RunLog(Storage(), TimeProvider.System, NullLogger<RunLog>.Instance);
    }

    [Fact]
    public async Task Each_run_is_a_span_named_after_the_function_with_its_outcome_and_new_items()
    {
        await _runs.TrackAsync(_function, _ => Task.FromResult(3), CancellationToken.None);
        await _runs.TrackAsync(_function, _ => Task.FromResult(0), CancellationToken.None);

        var spans = _spans.Where(s => s.DisplayName == _function).ToList();
        Assert.Equal(2, spans.Count);
        Assert.All(spans, s => Assert.Equal(ActivityStatusCode.Ok, s.Status));
        Assert.All(spans, s => Assert.Equal(RunLog.Succeeded, s.GetTagItem(AlertsTelemetry.OutcomeTag)));
        Assert.Equal([3, 0], spans.Select(s => (int)s.GetTagItem(AlertsTelemetry.ItemsNewTag)!));
    }

    [Fact]
    public async Task A_failed_run_is_an_error_span_and_counts_as_failed()
    {
        await _runs.TrackAsync(_function, _ => Task.FromResult(1), CancellationToken.None);
        await Assert.ThrowsAsync<InvalidOperationException>(() => _runs.TrackAsync(_function, _ => throw new InvalidOperationException("feed store broke"), CancellationToken.None));

        var failed = Assert.Single(_spans, s => s.DisplayName == _function && s.Status == ActivityStatusCode.Error);
        Assert.Equal("feed store broke", failed.StatusDescription);
        Assert.Equal(1, RunsCounted(RunLog.Succeeded));
        Assert.Equal(1, RunsCounted(RunLog.Failed));
    }

    [Fact]
    public async Task Each_run_increments_the_runs_counter()
    {
        Assert.Equal(0, RunsCounted(RunLog.Succeeded));

        await _runs.TrackAsync(_function, _ => Task.FromResult(2), CancellationToken.None);
        await _runs.TrackAsync(_function, _ => Task.FromResult(2), CancellationToken.None);

        Assert.Equal(2, RunsCounted(RunLog.Succeeded));
    }

    private long RunsCounted(string outcome)
    {
        _metrics.Clear();
        _meters.ForceFlush();
        var sum = 0L;
        foreach (var metric in _metrics.Where(m => m.Name == AlertsTelemetry.RunsInstrument))
        {
            foreach (ref readonly var point in metric.GetMetricPoints())
            {
                string? function = null, pointOutcome = null;
                foreach (var tag in point.Tags)
                {
                    function = tag.Key == AlertsTelemetry.FunctionTag ? tag.Value as string : function;
                    pointOutcome = tag.Key == AlertsTelemetry.OutcomeTag ? tag.Value as string : pointOutcome;
                }

                if (function == _function && pointOutcome == outcome)
                {
                    sum += point.GetSumLong();
                }
            }
        }

        return sum;
    }

    /// <summary>Table storage that accepts every write: the test is about telemetry, not storage.</summary>
    private static AlertsStorage Storage()
    {
        var table = new Mock<TableClient>();
        table.Setup(t => t.CreateIfNotExistsAsync(It.IsAny<CancellationToken>()))
            .ReturnsAsync(Response.FromValue(TableModelFactory.TableItem("Status"), Mock.Of<Response>()));
        table.Setup(t => t.GetEntityIfExistsAsync<RunEntity>(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<IEnumerable<string>>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(Mock.Of<NullableResponse<RunEntity>>(r => r.HasValue == false));
        table.Setup(t => t.UpsertEntityAsync(It.IsAny<RunEntity>(), TableUpdateMode.Replace, It.IsAny<CancellationToken>()))
            .ReturnsAsync(Mock.Of<Response>());
        var tables = new Mock<TableServiceClient>();
        tables.Setup(t => t.GetTableClient(StorageNames.StatusTable)).Returns(table.Object);
        return new AlertsStorage(tables.Object, Mock.Of<QueueServiceClient>());
    }

    public void Dispose()
    {
        _tracing.Dispose();
        _meters.Dispose();
    }
}
