using Analytics.Api.Queries;
using Analytics.Grains.Interfaces.Hosting;

namespace Analytics.Api.Extensions;

public static class QueryExtensions
{
    public static void AddQueries(this WebApplicationBuilder builder) =>
        builder.Services.AddOptions<QueryOptions>().Bind(builder.Configuration.GetSection(QueryOptions.Section)).ValidateProblems(o => o.Problems());
}
