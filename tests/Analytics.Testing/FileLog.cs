using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Analytics.Testing;

/// <summary>
/// For chasing a failure: with <c>ANALYTICS_TEST_LOG</c> naming a file, every in-process silo and API of a test run
/// appends its log there (Information and up, Kafka and streams at Debug), one line each, with the time.
/// </summary>
public static class FileLog
{
    private static readonly string? Path = Environment.GetEnvironmentVariable("ANALYTICS_TEST_LOG");
    private static readonly BlockingCollection<string> Lines = StartWriter();

    public static void AddTo(IServiceCollection services, string host)
    {
        if (Path is null) return;
        services.AddLogging(logging => logging
            .SetMinimumLevel(LogLevel.Debug)
            .AddProvider(new Provider(host))
            .AddFilter<Provider>("Analytics.Streaming", LogLevel.Debug)
            .AddFilter<Provider>("Analytics.Grains", LogLevel.Debug)
            .AddFilter<Provider>((category, level) => level >= LogLevel.Information && category != "Polly"));
    }

    private static BlockingCollection<string> StartWriter()
    {
        var lines = new BlockingCollection<string>();
        if (Path is null) return lines;
        new Thread(() =>
        {
            using var file = new StreamWriter(Path, append: true) { AutoFlush = true };
            foreach (var line in lines.GetConsumingEnumerable()) file.WriteLine(line);
        }) { IsBackground = true, Name = "test-file-log" }.Start();
        return lines;
    }

    private sealed class Provider(string host) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Logger(host, categoryName);

        public void Dispose()
        {
        }
    }

    private sealed class Logger(string host, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Lines.Add($"{DateTime.UtcNow:HH:mm:ss.fff} {host} {logLevel} {category}: {formatter(state, exception)} {exception}");
    }
}
