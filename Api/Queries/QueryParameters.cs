using Analytics.Grains.Interfaces.Audience;
using Analytics.Grains.Interfaces.Events;

namespace Analytics.Api.Queries;

/// <summary>What every query route checks the same way, and how it answers a wrong parameter.</summary>
public static class QueryParameters
{
    /// <summary>The site as the grid keys it, or <c>*</c>; a wrong one is named in <paramref name="errors"/>.</summary>
    public static string Site(string site, Dictionary<string, string[]> errors)
    {
        var normal = SiteName.Normalize(site);
        if (!SiteName.IsValidQuery(normal)) errors["site"] = ["must be a host name such as shop.example.com, or * for all sites"];
        return normal;
    }

    /// <summary>The site as the grid keys it, for what belongs to one site (goals, funnels): <c>*</c> is refused.</summary>
    public static string OneSite(string site, Dictionary<string, string[]> errors)
    {
        var normal = SiteName.Normalize(site);
        if (!SiteName.IsValidHost(normal)) errors["site"] = ["must be a host name such as shop.example.com: this belongs to one site, not *"];
        return normal;
    }

    /// <summary>An answer from the event store, or a 503 saying the silos keep none.</summary>
    public static async Task<IResult> FromStoreAsync(Func<Task<IResult>> answer)
    {
        try
        {
            return await answer();
        }
        catch (EventStoreOffException e)
        {
            return Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "No event store", detail: e.Message);
        }
    }

    public static IResult Invalid(Dictionary<string, string[]> errors) =>
        Results.ValidationProblem(errors, title: "The query has invalid parameters", detail: "Each entry of 'errors' names a parameter and the rule it breaks.");
}
