using System.Text.Json.Serialization;
using Analytics.Api.Goals;
using Analytics.Api.Queries;
using Analytics.Grains.Interfaces.Audience;
using Analytics.Grains.Interfaces.Goals;
using Analytics.Grains.Interfaces.Grains;
using Microsoft.Extensions.Options;

namespace Analytics.Api.Apis;

/// <summary>
/// A site's goals (METRICS.md §5): pages or custom events that count as a conversion, beside the built-in
/// <c>purchase</c>, and their conversions over any range, evaluated over the stored events when asked. The site goals
/// grain keeps the definitions (GoalRules says what they may be); funnels over them are in <see cref="FunnelsApi"/>.
/// </summary>
public static class GoalsApi
{
    public static IEndpointRouteBuilder MapGoalsApi(this IEndpointRouteBuilder app)
    {
        var goals = app.MapGroup("/api/sites/{site}/goals");
        goals.MapGet("", ListAsync)
            .WithName("ListGoals")
            .WithSummary("The site's goals: the built-in purchase first, then the others by name.")
            .ProducesValidationProblem();
        goals.MapPut("/{name}", PutAsync)
            .WithName("PutGoal")
            .WithSummary("Creates (201) or replaces (200) a goal: {\"page\":\"/pricing*\"} or {\"event\":\"signup\",\"props\":{\"plan\":\"pro\"}}.")
            .WithDescription($"name: {GoalRules.NameRule}. page: a path pattern, anchored and case-sensitive, '*' any run of characters. " +
                $"A site has at most {GoalRules.MaxGoals} goals besides purchase, which cannot be changed.")
            .Accepts<GoalRequest>("application/json")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);
        goals.MapDelete("/{name}", DeleteAsync)
            .WithName("DeleteGoal")
            .WithSummary("Deletes a goal; 409 while a funnel uses it.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        goals.MapGet("/{name}/conversions", ConversionsAsync)
            .WithName("GetGoalConversions")
            .WithSummary("A goal's visitors, conversions, conversion rate and revenue in a range, over every stored event of it.")
            .WithDescription(RangeQuery.Description)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    /// <summary>A goal's body as a client sends it (documentation only: the body is read and checked by GoalRules).</summary>
    public sealed record GoalRequest(string? Page, string? Event, Dictionary<string, object>? Props);

    /// <summary>A goal as the API lists it: <c>builtIn</c> only on purchase, and only the fields the goal has.</summary>
    public sealed record GoalAnswer(
        string Name,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] bool? BuiltIn,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Page,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Event,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyDictionary<string, string>? Props)
    {
        public static GoalAnswer Of(GoalDefinition goal) => new(goal.Name, goal.BuiltIn ? true : null, goal.Page, goal.Event, goal.Props);
    }

    public sealed record GoalsAnswer(string Site, GoalAnswer[] Goals);

    public sealed record ConversionsAnswer(
        string Site, string Goal, long From, long To, long Visitors, long Conversions, double ConversionRate, double Revenue, double AverageRevenue,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] PreviousConversions? Previous);

    public sealed record PreviousConversions(long From, long To, long Visitors, long Conversions, double ConversionRate, double Revenue, double AverageRevenue);

    private static async Task<IResult> ListAsync(string site, IGrainFactory grains)
    {
        var errors = new Dictionary<string, string[]>();
        site = QueryParameters.OneSite(site, errors);
        if (errors.Count > 0) return Invalid(errors);
        return await QueryParameters.FromStoreAsync(async () =>
            Results.Ok(new GoalsAnswer(site, [.. (await grains.GetGrain<ISiteGoalsGrain>(site).Get()).Goals.Select(GoalAnswer.Of)])));
    }

    private static async Task<IResult> PutAsync(string site, string name, HttpRequest request, IGrainFactory grains)
    {
        var errors = new Dictionary<string, string[]>();
        site = QueryParameters.OneSite(site, errors);
        var goal = GoalRules.Goal(name, await DefinitionBody.ReadAsync(request), errors);
        if (goal is null || errors.Count > 0) return Invalid(errors);

        return await QueryParameters.FromStoreAsync(async () =>
            (await grains.GetGrain<ISiteGoalsGrain>(site).PutGoal(goal)).Outcome switch
            {
                DefinitionPutOutcome.Created => Results.Created($"/api/sites/{site}/goals/{name}", GoalAnswer.Of(goal)),
                DefinitionPutOutcome.Replaced => Results.Ok(GoalAnswer.Of(goal)),
                DefinitionPutOutcome.BuiltIn => BuiltIn(),
                _ => Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Too many goals",
                    detail: $"The site has {GoalRules.MaxGoals} goals besides purchase, as many as it may; delete one or replace one by its name."),
            });
    }

    private static async Task<IResult> DeleteAsync(string site, string name, IGrainFactory grains)
    {
        var errors = new Dictionary<string, string[]>();
        site = QueryParameters.OneSite(site, errors);
        if (errors.Count > 0) return Invalid(errors);

        return await QueryParameters.FromStoreAsync(async () =>
        {
            var definitions = grains.GetGrain<ISiteGoalsGrain>(site);
            return await definitions.DeleteGoal(name) switch
            {
                DefinitionDelete.Deleted => Results.NoContent(),
                DefinitionDelete.NotFound => NotFound(name),
                DefinitionDelete.BuiltIn => BuiltIn(),
                _ => await InUseAsync(definitions, name),
            };
        });
    }

    private static async Task<IResult> ConversionsAsync(
        string site, string name, string? from, string? to, string? filters, string? compare, IGrainFactory grains, IOptions<QueryOptions> options)
    {
        var errors = new Dictionary<string, string[]>();
        site = QueryParameters.OneSite(site, errors);
        var (range, parsed, previous) = RangeQuery.Parse(from, to, filters, compare, options.Value, errors);
        if (errors.Count > 0) return QueryParameters.Invalid(errors);

        return await QueryParameters.FromStoreAsync(async () =>
        {
            var goal = (await grains.GetGrain<ISiteGoalsGrain>(site).Get()).Goals.FirstOrDefault(g => g.Name == name);
            if (goal is null) return NotFound(name);
            var audience = grains.GetGrain<IAudienceGrain>(0);
            var current = ConversionsOf(audience, site, goal, range, parsed);
            var before = previous is { } p ? ConversionsOf(audience, site, goal, p, parsed) : null;
            var (c, b) = (await current, before is null ? null : await before);
            return Results.Ok(new ConversionsAnswer(site, name, range.From, range.To, c.Visitors, c.Conversions, c.ConversionRate, c.Revenue, c.AverageRevenue,
                b is null ? null : new PreviousConversions(previous!.Value.From, previous.Value.To, b.Visitors, b.Conversions, b.ConversionRate, b.Revenue, b.AverageRevenue)));
        });
    }

    /// <summary>The goal's totals and the range's visitors with the same filters, asked at once.</summary>
    private static async Task<GoalConversions> ConversionsOf(
        IAudienceGrain audience, string site, GoalDefinition goal, QueryRange range, DimensionFilter[] filters)
    {
        var totals = audience.Goal(site, goal, range.From, range.To, filters);
        var visitors = audience.Visitors(site, range.From, range.To, filters);
        return GoalConversions.Of(await totals, await visitors);
    }

    private static async Task<IResult> InUseAsync(ISiteGoalsGrain definitions, string name)
    {
        var funnels = (await definitions.Get()).Funnels.Where(f => f.Steps.Contains(name)).Select(f => $"'{f.Name}'");
        return Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "The goal is in use",
            detail: $"The goal '{name}' is a step of the funnel(s) {string.Join(", ", funnels)}; change or delete them first.");
    }

    private static IResult BuiltIn() => Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "purchase is built in",
        detail: "The goal 'purchase' is built in (every conversion event, its value the revenue) and cannot be changed or deleted.");

    private static IResult NotFound(string name) => Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such goal",
        detail: GoalRules.IsName(name) ? $"The site has no goal named '{name}'." : $"The site has no such goal: a goal's name {GoalRules.NameRule}.");

    private static IResult Invalid(Dictionary<string, string[]> errors) =>
        Results.ValidationProblem(errors, title: "The goal is invalid", detail: "Each entry of 'errors' names a field and the rule it breaks.");
}
