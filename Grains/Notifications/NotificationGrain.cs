using System.Security.Cryptography;
using Analytics.Grains.Hosting;
using Analytics.Grains.Interfaces.Notifications;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Analytics.Grains.Notifications;

/// <summary>
/// A site's traffic notifications. Its reducer hands it final windows every few seconds (one-way, so the reducer
/// never waits here); it judges them by the site's rules, saves the fact that a notice went out before handing it to
/// the silo's sender, and records how each delivery ended. Rules and the week of page views per minute are grain
/// state in the grid's storage, so they survive restarts.
/// </summary>
internal sealed partial class NotificationGrain(
    [PersistentState("notifications", GridOptions.Storage)] IPersistentState<NotificationState> state,
    IOptions<NotificationOptions> options,
    NotificationSender sender,
    TimeProvider time,
    ILogger<NotificationGrain> logger) : Grain, INotificationGrain
{
    private SiteRules _rules = null!;

    private string Site => this.GetPrimaryKeyString();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // The saved state is loaded by now; the object the constructor saw was only a placeholder.
        _rules = new SiteRules(state.State, Site, options.Value.MaxRulesPerSite);
        return Task.CompletedTask;
    }

    public Task<NotificationRule[]> GetRules() => Task.FromResult(_rules.List());

    public async Task<RulePut> PutRule(NotificationRule rule)
    {
        var put = _rules.Put(rule, () => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)));
        if (put.Outcome != RulePutOutcome.TooMany) await state.WriteStateAsync();
        return put;
    }

    public async Task<bool> DeleteRule(string name)
    {
        if (!_rules.Delete(name)) return false;
        await state.WriteStateAsync();
        return true;
    }

    public Task<DeliveryRecord[]?> GetDeliveries(string name) => Task.FromResult(_rules.Deliveries(name));

    public async Task Observe(TrafficUpdate update)
    {
        var notices = _rules.Observe(update, time.GetUtcNow());
        // Saved before sending: a notice must not go out twice in an hour because this grain restarted.
        if (notices.Count > 0 || update.Minutes.Length > 0) await SaveAsync();
        foreach (var notice in notices) sender.Enqueue(notice);
    }

    public async Task Delivered(string rule, DeliveryRecord delivery)
    {
        _rules.Record(rule, delivery);
        await SaveAsync();
    }

    private async Task SaveAsync()
    {
        try
        {
            await state.WriteStateAsync();
        }
        catch (Exception e)
        {
            LogSaveFailed(Site, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not save the notifications of {Site}; the next change tries again")]
    private partial void LogSaveFailed(string site, Exception exception);
}
