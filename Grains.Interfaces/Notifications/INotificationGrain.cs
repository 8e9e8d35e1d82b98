namespace Analytics.Grains.Interfaces.Notifications;

/// <summary>
/// A site's traffic notifications (keyed by the site): its owner's rules, the traffic they are judged on, and the
/// deliveries of their notices. Its site's reducer hands it final windows at the reducer's own flush cadence.
/// </summary>
public interface INotificationGrain : IGrainWithStringKey
{
    /// <summary>The rules, without their secrets.</summary>
    Task<NotificationRule[]> GetRules();

    /// <summary>Creates or replaces a rule. A rule without a secret keeps the one it had, or gets a new one when created.</summary>
    Task<RulePut> PutRule(NotificationRule rule);

    /// <summary>False when there was no such rule.</summary>
    Task<bool> DeleteRule(string name);

    /// <summary>The rule's latest deliveries, newest first; null when there is no such rule.</summary>
    Task<DeliveryRecord[]?> GetDeliveries(string name);

    /// <summary>
    /// Final windows of the site since the last call. The reducer does not await it: it hands them on and goes on
    /// with its turn, whatever this grain is doing.
    /// </summary>
    Task Observe(TrafficUpdate update);

    /// <summary>How a notice's delivery ended, from the silo's sender once its tries are over.</summary>
    Task Delivered(string rule, DeliveryRecord delivery);
}
