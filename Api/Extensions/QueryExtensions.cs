using Analytics.Api.History;
using Analytics.Api.Queries;
using Analytics.Sinks.InfluxDb.Hosting;
using Analytics.Grains.Interfaces.Hosting;

namespace Analytics.Api.Extensions;

public static class QueryExtensions
{
    public static void AddQueries(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<QueryOptions>().Bind(builder.Configuration.GetSection(QueryOptions.Section)).ValidateProblems(o => o.Problems());
        builder.Services.AddOptions<HistoryOptions>().Configure(o =>
            o.GridRetention = builder.Configuration.GetValue("Grid:FinalRetention", o.GridRetention));
        if (string.IsNullOrWhiteSpace(builder.Configuration["InfluxDB:Url"])) return;
        // Older windows come from InfluxDB; the sink's registration is lazy, so only its query client is made here.
        builder.Services.AddInfluxDbSink(o => builder.Configuration.GetSection("InfluxDB").Bind(o));
        builder.Services.AddSingleton<InfluxHistory>();
    }
}
