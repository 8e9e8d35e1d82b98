using System.Text;
using Analytics.Grains.Interfaces.Events;

namespace Analytics.UnitTests.Visitors;

/// <summary>
/// <c>visitor</c> is required, except where cookieless visitors are on (METRICS.md §1): then an event without one is
/// valid and waits for ingestion to derive it; a visitor the event brings is kept, and a bad one is still a 400.
/// </summary>
public sealed class VisitorValidationTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 9, 0, 0, TimeSpan.Zero);

    private static EventBatchParser.Result Parse(string visitor, bool cookieless) => EventBatchParser.Parse(
        Encoding.UTF8.GetBytes($$"""{"id":"e-1","type":"page_view","site":"shop.example.com",{{visitor}}"url":"https://shop.example.com/"}"""),
        Now, TimeSpan.FromSeconds(60), cookieless);

    [Theory]
    [InlineData("")]
    [InlineData("\"visitor\":null,")]
    public void Without_cookieless_visitors_an_event_without_a_visitor_is_refused_naming_it(string visitor)
    {
        Assert.Equal(new FieldError("visitor", "is required"), Assert.Single(Parse(visitor, cookieless: false).Errors));
    }

    [Theory]
    [InlineData("")]
    [InlineData("\"visitor\":null,")]
    public void With_cookieless_visitors_an_event_without_a_visitor_waits_for_one(string visitor)
    {
        var parsed = Parse(visitor, cookieless: true);

        Assert.Equal(AnalyticsEvent.NoVisitor, Assert.Single(parsed.Events).Visitor);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void An_events_own_visitor_is_kept_and_a_bad_one_refused(bool cookieless)
    {
        Assert.Equal("v-1", Assert.Single(Parse("\"visitor\":\"v-1\",", cookieless).Events).Visitor);
        Assert.Equal("visitor", Assert.Single(Parse("\"visitor\":\"\",", cookieless).Errors).Field);
        Assert.Equal("visitor", Assert.Single(Parse($"\"visitor\":\"{new string('v', 129)}\",", cookieless).Errors).Field);
        Assert.Equal("visitor", Assert.Single(Parse("\"visitor\":7,", cookieless).Errors).Field);
    }
}
