using System.Diagnostics.Metrics;

namespace Analytics.ServiceDefaults;

/// <summary>
/// <c>analytics_process_memory_ratio</c>: this process's working set over the memory the runtime may use. The runtime's
/// figure honours a container's memory limit, so the ratio is what the "memory above 80 %" alert needs without a
/// node exporter beside every silo.
/// </summary>
public sealed class ProcessMemoryMetrics : IDisposable
{
    public const string MeterName = "Analytics.Process";

    private readonly Meter _meter = new(MeterName);

    public ProcessMemoryMetrics() =>
        _meter.CreateObservableGauge("analytics_process_memory_ratio", Ratio,
            description: "Working set over the memory available to the process (the container limit when there is one)");

    public static double Ratio()
    {
        var available = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        return available > 0 ? (double)Environment.WorkingSet / available : 0;
    }

    public void Dispose() => _meter.Dispose();
}
