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

    public static IResult Invalid(Dictionary<string, string[]> errors) =>
        Results.ValidationProblem(errors, title: "The query has invalid parameters", detail: "Each entry of 'errors' names a parameter and the rule it breaks.");
}
