using Analytics.Grains.Interfaces.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Analytics.Grains.Notifications;

internal static class NotificationHosting
{
    /// <summary>The sender of traffic notices on a silo, its options and its HTTP client.</summary>
    public static IServiceCollection AddTrafficNotifications(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<NotificationOptions>().Bind(configuration.GetSection(NotificationOptions.Section)).ValidateProblems(o => o.Problems());
        services.AddHttpClient(NotificationSender.HttpClientName)
            .ConfigureHttpClient((sp, client) => client.Timeout = sp.GetRequiredService<IOptions<NotificationOptions>>().Value.Timeout);
        services.AddSingleton<NotificationSender>();
        services.AddHostedService(sp => sp.GetRequiredService<NotificationSender>());
        return services;
    }
}
