using System.Net;
using System.Net.Sockets;

namespace Analytics.EndToEndTests.Infrastructure;

/// <summary>
/// A loopback TCP relay to a server, which a test can cut: open connections are reset and new ones refused
/// (the listener stops), as when the server's host becomes unreachable. Restored, it listens on the same port.
/// </summary>
public sealed class TcpProxy : IAsyncDisposable
{
    private readonly IPEndPoint _target;
    private readonly List<TcpClient> _open = [];
    private readonly Lock _lock = new();
    private TcpListener? _listener;
    private CancellationTokenSource _cut = new();

    private TcpProxy(IPEndPoint target, int port)
    {
        _target = target;
        Port = port;
    }

    public int Port { get; }

    /// <summary>How long each chunk a client sends is held before it is passed on: a slow link, for a test that must act while a write is on its way.</summary>
    public TimeSpan Delay { get; set; }

    public static TcpProxy Start(string host, int port)
    {
        var proxy = new TcpProxy(new IPEndPoint(IPAddress.Parse(host), port), FreePorts.Next());
        proxy.Restore();
        return proxy;
    }

    public void Restore()
    {
        lock (_lock)
        {
            if (_listener is not null) return;
            _cut = new CancellationTokenSource();
            _listener = new TcpListener(IPAddress.Loopback, Port);
            _listener.Start();
            _ = AcceptAsync(_listener, _cut.Token);
        }
    }

    public void Cut()
    {
        lock (_lock)
        {
            _cut.Cancel();
            _listener?.Stop();
            _listener = null;
            foreach (var client in _open)
            {
                // Linger 0 sends a reset, as a vanished peer's host would on the next packet.
                client.LingerState = new LingerOption(true, 0);
                client.Dispose();
            }
            _open.Clear();
        }
    }

    private async Task AcceptAsync(TcpListener listener, CancellationToken cut)
    {
        while (!cut.IsCancellationRequested)
        {
            TcpClient inbound;
            try
            {
                inbound = await listener.AcceptTcpClientAsync(cut);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }
            _ = RelayAsync(inbound, cut);
        }
    }

    private async Task RelayAsync(TcpClient inbound, CancellationToken cut)
    {
        var outbound = new TcpClient();
        lock (_lock) _open.AddRange([inbound, outbound]);
        try
        {
            await outbound.ConnectAsync(_target, cut);
            var up = PumpAsync(inbound.GetStream(), outbound.GetStream(), cut);
            var down = outbound.GetStream().CopyToAsync(inbound.GetStream(), cut);
            await Task.WhenAny(up, down);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
        {
            // The connection ends as the cut or either side ended it.
        }
        finally
        {
            lock (_lock)
            {
                _open.Remove(inbound);
                _open.Remove(outbound);
            }
            inbound.Dispose();
            outbound.Dispose();
        }
    }

    private async Task PumpAsync(Stream from, Stream to, CancellationToken cut)
    {
        var buffer = new byte[81920];
        int read;
        while ((read = await from.ReadAsync(buffer, cut)) > 0)
        {
            if (Delay > TimeSpan.Zero) await Task.Delay(Delay, cut);
            await to.WriteAsync(buffer.AsMemory(0, read), cut);
        }
    }

    public ValueTask DisposeAsync()
    {
        Cut();
        return ValueTask.CompletedTask;
    }
}
