using System.Net.Http.Headers;
using System.Threading.Channels;
using Analytics.Grains.Interfaces.Notifications;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Analytics.Grains.Notifications;

/// <summary>
/// Sends a silo's notices, off every grain's turn: grains put them in a bounded queue and go on; each notice is then
/// POSTed on its own task, retried with doubling waits, and its outcome handed back to its site's grain. A receiver
/// that is slow or dead holds one of <see cref="NotificationOptions.MaxConcurrentDeliveries"/> tasks, never a grain.
/// </summary>
internal sealed partial class NotificationSender(
    IHttpClientFactory http, IGrainFactory grains, IOptions<NotificationOptions> options, TimeProvider time, ILogger<NotificationSender> logger)
    : BackgroundService
{
    public const string HttpClientName = "notifications";

    private readonly Channel<Notice> _queue = Channel.CreateBounded<Notice>(new BoundedChannelOptions(options.Value.QueueCapacity) { SingleReader = true });
    private readonly SemaphoreSlim _slots = new(options.Value.MaxConcurrentDeliveries);

    /// <summary>Queues a notice; when the queue is full it is dropped and logged, as a grain must never wait for a receiver.</summary>
    public void Enqueue(Notice notice)
    {
        if (!_queue.Writer.TryWrite(notice)) LogQueueFull(notice.Site, notice.Rule);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var notice in _queue.Reader.ReadAllAsync(stoppingToken))
        {
            await _slots.WaitAsync(stoppingToken);
            _ = Task.Run(async () =>
            {
                try
                {
                    await DeliverAsync(notice, stoppingToken);
                }
                finally
                {
                    _slots.Release();
                }
            }, CancellationToken.None);
        }
    }

    private async Task DeliverAsync(Notice notice, CancellationToken stop)
    {
        var settings = options.Value;
        var client = http.CreateClient(HttpClientName);
        var signature = notice.Signature;
        var delay = settings.FirstRetryDelay;
        var attempts = 0;
        int? status = null;
        string? error = null;
        while (true)
        {
            attempts++;
            (status, error) = await PostAsync(client, notice, signature, stop);
            if (error is null && status is >= 200 and < 300) break;
            if (attempts >= settings.MaxAttempts || stop.IsCancellationRequested) break;
            await Task.Delay(delay, time, stop);
            delay *= 2;
        }
        var succeeded = error is null && status is >= 200 and < 300;
        if (!succeeded) LogDeliveryFailed(notice.Site, notice.Rule, attempts, status, error);
        var record = new DeliveryRecord(notice.DeliveryId, time.GetUtcNow().ToUnixTimeMilliseconds(), attempts, status, error, succeeded);
        try
        {
            await grains.GetGrain<INotificationGrain>(notice.Site).Delivered(notice.Rule, record);
        }
        catch (Exception e)
        {
            LogRecordFailed(notice.Site, notice.Rule, e);
        }
    }

    /// <summary>One try: the answer's status, or why there was none. The URL is never logged: webhook URLs often carry a token.</summary>
    private async Task<(int? Status, string? Error)> PostAsync(HttpClient client, Notice notice, string signature, CancellationToken stop)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, notice.Url) { Content = new ByteArrayContent(notice.Body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.Add(Notice.SignatureHeader, signature);
        request.Headers.Add(Notice.DeliveryHeader, notice.DeliveryId);
        request.Headers.Add(Notice.TimestampHeader, time.GetUtcNow().ToUnixTimeSeconds().ToString());
        try
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, stop);
            return ((int)response.StatusCode, null);
        }
        catch (TaskCanceledException) when (!stop.IsCancellationRequested)
        {
            return (null, $"no answer within {options.Value.Timeout.TotalSeconds:0.###} s");
        }
        catch (HttpRequestException e)
        {
            return (null, e.HttpRequestError.ToString());
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Notification queue full: a notice of rule {Rule} of {Site} was dropped")]
    private partial void LogQueueFull(string site, string rule);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Notice of rule {Rule} of {Site} not delivered after {Attempts} tries (last status {Status}, error {Error})")]
    private partial void LogDeliveryFailed(string site, string rule, int attempts, int? status, string? error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not record a delivery of rule {Rule} of {Site}")]
    private partial void LogRecordFailed(string site, string rule, Exception exception);
}
