using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Analytics.Grains.Interfaces.Events;
using Analytics.Grains.Interfaces.Notifications;

namespace Analytics.Api.Apis;

/// <summary>
/// A site owner's traffic notifications: rules that make the grid POST a signed notice to a webhook, and what became
/// of each notice. The grid judges the rules (Grains/Notifications); this only checks and stores them.
/// </summary>
public static partial class NotificationsApi
{
    private const int NameMaxLength = 64;
    private const int UrlMaxLength = 2048;
    private const int SecretMinLength = 16;
    private const int SecretMaxLength = 256;

    public static RouteGroupBuilder MapNotificationsApi(this IEndpointRouteBuilder app)
    {
        var rules = app.MapGroup("/api/sites/{site}/notifications");
        rules.MapGet("", ListAsync)
            .WithName("ListNotificationRules")
            .WithSummary("The site's notification rules, without their secrets.")
            .ProducesValidationProblem();
        rules.MapPut("/{name}", PutAsync)
            .WithName("PutNotificationRule")
            .WithSummary("Creates (201) or replaces (200) a rule; the answer carries the signing secret when this request set it.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);
        rules.MapDelete("/{name}", DeleteAsync)
            .WithName("DeleteNotificationRule")
            .WithSummary("Deletes a rule and its deliveries.");
        rules.MapGet("/{name}/deliveries", DeliveriesAsync)
            .WithName("GetNotificationDeliveries")
            .WithSummary("The rule's latest deliveries (at most 50), newest first.");
        return rules;
    }

    /// <summary>A rule as the owner sends it: <c>threshold</c> for <c>visitors_above</c>, <c>factor</c> for the page-view kinds.</summary>
    public sealed record RuleRequest(string? Url, string? Kind, double? Threshold, double? Factor, string? Secret);

    public sealed record RuleAnswer(
        string Name,
        string Url,
        string Kind,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? Threshold,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? Factor,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Secret);

    public sealed record RulesAnswer(string Site, RuleAnswer[] Rules);

    public sealed record DeliveriesAnswer(string Site, string Rule, DeliveryRecord[] Deliveries);

    private static async Task<IResult> ListAsync(string site, IGrainFactory grains)
    {
        var errors = new Dictionary<string, string[]>();
        site = CheckSite(site, errors);
        if (errors.Count > 0) return Invalid(errors);
        var rules = await grains.GetGrain<INotificationGrain>(site).GetRules();
        return Results.Ok(new RulesAnswer(site, [.. rules.Select(Answer)]));
    }

    private static async Task<IResult> PutAsync(string site, string name, RuleRequest rule, IGrainFactory grains)
    {
        var errors = new Dictionary<string, string[]>();
        site = CheckSite(site, errors);
        var checkedRule = Check(name, rule, errors);
        if (checkedRule is null) return Invalid(errors);

        var put = await grains.GetGrain<INotificationGrain>(site).PutRule(checkedRule);
        return put.Outcome switch
        {
            RulePutOutcome.Created => Results.Created($"/api/sites/{site}/notifications/{name}", Answer(put.Rule!)),
            RulePutOutcome.Replaced => Results.Ok(Answer(put.Rule!)),
            _ => Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Too many notification rules",
                detail: $"The site has as many rules as Notifications:MaxRulesPerSite allows; delete one or replace one by its name."),
        };
    }

    private static async Task<IResult> DeleteAsync(string site, string name, IGrainFactory grains)
    {
        var errors = new Dictionary<string, string[]>();
        site = CheckSite(site, errors);
        if (errors.Count > 0) return Invalid(errors);
        return await grains.GetGrain<INotificationGrain>(site).DeleteRule(name) ? Results.NoContent() : NotFound(name);
    }

    private static async Task<IResult> DeliveriesAsync(string site, string name, IGrainFactory grains)
    {
        var errors = new Dictionary<string, string[]>();
        site = CheckSite(site, errors);
        if (errors.Count > 0) return Invalid(errors);
        var deliveries = await grains.GetGrain<INotificationGrain>(site).GetDeliveries(name);
        return deliveries is null ? NotFound(name) : Results.Ok(new DeliveriesAnswer(site, name, deliveries));
    }

    /// <summary>The rule, or null with every broken rule in <paramref name="errors"/>, each under the field's name.</summary>
    private static NotificationRule? Check(string name, RuleRequest request, Dictionary<string, string[]> errors)
    {
        if (!Slug().IsMatch(name)) errors["name"] = [$"must be 1-{NameMaxLength} lower-case letters, digits, '-' or '_', starting with a letter or digit"];
        if (request.Url is null || request.Url.Length > UrlMaxLength || !Uri.TryCreate(request.Url, UriKind.Absolute, out var url)
            || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
            errors["url"] = [$"must be an absolute http or https URL of at most {UrlMaxLength} characters"];
        if (!RuleKinds.TryParse(request.Kind, out var kind)) errors["kind"] = ["must be one of " + string.Join(", ", RuleKinds.All)];
        if (request.Secret is { Length: < SecretMinLength or > SecretMaxLength })
            errors["secret"] = [$"must be {SecretMinLength}-{SecretMaxLength} characters, or left out to have one generated"];
        var (limit, field, other) = kind.IsFactor() ? (request.Factor, "factor", "threshold") : (request.Threshold, "threshold", "factor");
        if (kind != default)
        {
            if (limit is not { } l || !double.IsFinite(l) || l <= 0) errors[field] = [$"must be a number above 0 for {kind.NameOf()}"];
            if ((kind.IsFactor() ? request.Threshold : request.Factor) is not null) errors[other] = [$"is not used by {kind.NameOf()}"];
        }
        return errors.Count == 0 ? new NotificationRule(name, request.Url!, kind, limit!.Value, request.Secret) : null;
    }

    private static RuleAnswer Answer(NotificationRule rule) => new(rule.Name, rule.Url, rule.Kind.NameOf(),
        rule.Kind.IsFactor() ? null : rule.Limit, rule.Kind.IsFactor() ? rule.Limit : null, rule.Secret);

    /// <summary>Notifications belong to one site: a host name, not <c>*</c>.</summary>
    private static string CheckSite(string site, Dictionary<string, string[]> errors)
    {
        var normal = SiteName.Normalize(site);
        if (!SiteName.IsValidHost(normal)) errors["site"] = ["must be a host name such as shop.example.com"];
        return normal;
    }

    private static IResult NotFound(string name) =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such notification rule", detail: $"The site has no rule named '{name}'.");

    private static IResult Invalid(Dictionary<string, string[]> errors) =>
        Results.ValidationProblem(errors, title: "The notification rule is invalid", detail: "Each entry of 'errors' names a field and the rule it breaks.");

    [GeneratedRegex("^[a-z0-9][a-z0-9_-]{0,63}$")]
    private static partial Regex Slug();
}
