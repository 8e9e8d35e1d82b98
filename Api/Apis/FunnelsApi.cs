using System.Text.Json.Serialization;
using Analytics.Api.Goals;
using Analytics.Api.Queries;
using Analytics.Grains.Interfaces.Audience;
using Analytics.Grains.Interfaces.Goals;
using Analytics.Grains.Interfaces.Grains;
using Microsoft.Extensions.Options;

namespace Analytics.Api.Apis;

/// <summary>
/// A site's funnels (METRICS.md §5): 2 to 8 of its goals in order, and per step the visitors who reached it within
/// one session of a range. Kept by the site goals grain with the goals they name.
/// </summary>
public static class FunnelsApi
{
    public static IEndpointRouteBuilder MapFunnelsApi(this IEndpointRouteBuilder app)
    {
        var funnels = app.MapGroup("/api/sites/{site}/funnels");
        funnels.MapGet("", ListAsync)
            .WithName("ListFunnels")
            .WithSummary("The site's funnels by name.")
            .ProducesValidationProblem();
        funnels.MapPut("/{name}", PutAsync)
            .WithName("PutFunnel")
            .WithSummary("Creates (201) or replaces (200) a funnel: {\"steps\":[\"pricing\",\"signup\",\"purchase\"]}.")
            .WithDescription($"name: {GoalRules.NameRule}. steps: {FunnelDefinition.MinSteps} to {FunnelDefinition.MaxSteps} goals of the site, " +
                $"none twice in a row. A site has at most {GoalRules.MaxFunnels} funnels.")
            .Accepts<FunnelRequest>("application/json")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);
        funnels.MapDelete("/{name}", DeleteAsync)
            .WithName("DeleteFunnel")
            .WithSummary("Deletes a funnel.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        funnels.MapGet("/{name}/steps", StepsAsync)
            .WithName("GetFunnelSteps")
            .WithSummary("Per step, the visitors who reached it within one session, their share of the step before and of the first, and the drop-off.")
            .WithDescription(RangeQuery.Description)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    /// <summary>A funnel's body as a client sends it (documentation only: the body is read and checked by GoalRules).</summary>
    public sealed record FunnelRequest(string[] Steps);

    public sealed record FunnelAnswer(string Name, string[] Steps);

    public sealed record FunnelsAnswer(string Site, FunnelAnswer[] Funnels);

    public sealed record StepsAnswer(
        string Site, string Funnel, long From, long To, FunnelStep[] Steps,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] PreviousSteps? Previous);

    public sealed record PreviousSteps(long From, long To, FunnelStep[] Steps);

    private static async Task<IResult> ListAsync(string site, IGrainFactory grains)
    {
        var errors = new Dictionary<string, string[]>();
        site = QueryParameters.OneSite(site, errors);
        if (errors.Count > 0) return Invalid(errors);
        return await QueryParameters.FromStoreAsync(async () =>
            Results.Ok(new FunnelsAnswer(site, [.. (await grains.GetGrain<ISiteGoalsGrain>(site).Get()).Funnels.Select(Answer)])));
    }

    private static async Task<IResult> PutAsync(string site, string name, HttpRequest request, IGrainFactory grains)
    {
        var errors = new Dictionary<string, string[]>();
        site = QueryParameters.OneSite(site, errors);
        var funnel = GoalRules.Funnel(name, await DefinitionBody.ReadAsync(request), errors);
        if (funnel is null || errors.Count > 0) return Invalid(errors);

        return await QueryParameters.FromStoreAsync(async () =>
        {
            var put = await grains.GetGrain<ISiteGoalsGrain>(site).PutFunnel(funnel);
            return put.Outcome switch
            {
                DefinitionPutOutcome.Created => Results.Created($"/api/sites/{site}/funnels/{name}", Answer(funnel)),
                DefinitionPutOutcome.Replaced => Results.Ok(Answer(funnel)),
                DefinitionPutOutcome.UnknownGoal => Invalid(new Dictionary<string, string[]>
                {
                    [$"steps[{put.Detail}]"] = [$"'{funnel.Steps[put.Detail]}' is no goal of the site; define it first (purchase is built in)"],
                }),
                _ => Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Too many funnels",
                    detail: $"The site has {GoalRules.MaxFunnels} funnels, as many as it may; delete one or replace one by its name."),
            };
        });
    }

    private static async Task<IResult> DeleteAsync(string site, string name, IGrainFactory grains)
    {
        var errors = new Dictionary<string, string[]>();
        site = QueryParameters.OneSite(site, errors);
        if (errors.Count > 0) return Invalid(errors);
        return await QueryParameters.FromStoreAsync(async () =>
            await grains.GetGrain<ISiteGoalsGrain>(site).DeleteFunnel(name) == DefinitionDelete.Deleted ? Results.NoContent() : NotFound(name));
    }

    private static async Task<IResult> StepsAsync(
        string site, string name, string? from, string? to, string? filters, string? compare, IGrainFactory grains, IOptions<QueryOptions> options)
    {
        var errors = new Dictionary<string, string[]>();
        site = QueryParameters.OneSite(site, errors);
        var (range, parsed, previous) = RangeQuery.Parse(from, to, filters, compare, options.Value, errors);
        if (errors.Count > 0) return QueryParameters.Invalid(errors);

        return await QueryParameters.FromStoreAsync(async () =>
        {
            var definitions = await grains.GetGrain<ISiteGoalsGrain>(site).Get();
            if (definitions.Funnels.FirstOrDefault(f => f.Name == name) is not { } funnel) return NotFound(name);
            // The grain keeps every step a goal of the site: a goal cannot be deleted while a funnel names it.
            GoalDefinition[] steps = [.. funnel.Steps.Select(s => definitions.Goals.First(g => g.Name == s))];
            var audience = grains.GetGrain<IAudienceGrain>(0);
            var current = audience.Funnel(site, steps, range.From, range.To, parsed);
            var before = previous is { } p ? audience.Funnel(site, steps, p.From, p.To, parsed) : null;
            var (c, b) = (await current, before is null ? null : await before);
            return Results.Ok(new StepsAnswer(site, name, range.From, range.To, FunnelStep.Of(funnel.Steps, c),
                b is null ? null : new PreviousSteps(previous!.Value.From, previous.Value.To, FunnelStep.Of(funnel.Steps, b))));
        });
    }

    private static FunnelAnswer Answer(FunnelDefinition funnel) => new(funnel.Name, funnel.Steps);

    private static IResult NotFound(string name) => Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such funnel",
        detail: GoalRules.IsName(name) ? $"The site has no funnel named '{name}'." : $"The site has no such funnel: a funnel's name {GoalRules.NameRule}.");

    private static IResult Invalid(Dictionary<string, string[]> errors) =>
        Results.ValidationProblem(errors, title: "The funnel is invalid", detail: "Each entry of 'errors' names a field and the rule it breaks.");
}
