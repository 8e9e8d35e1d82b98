using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Analytics.FunctionalTests.Security;

/// <summary>Keeps every log line a host writes, with its category, exception and scopes, as one string each.</summary>
public sealed class CapturingLoggerProvider : ILoggerProvider, ISupportExternalScope
{
    private readonly ConcurrentQueue<string> _lines = new();
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public IReadOnlyCollection<string> Lines => _lines;

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
    }

    private sealed class Logger(CapturingLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => provider._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var line = $"{logLevel} {category}: {formatter(state, exception)} {exception}";
            // The structured values too: a sink that stores fields rather than the message would keep them.
            if (state is IEnumerable<KeyValuePair<string, object?>> fields) line += " " + string.Join(" ", fields.Select(f => $"{f.Key}={f.Value}"));
            provider._scopes.ForEachScope((scope, _) => line += $" [{scope}]", (object?)null);
            provider._lines.Enqueue(line);
        }
    }
}
