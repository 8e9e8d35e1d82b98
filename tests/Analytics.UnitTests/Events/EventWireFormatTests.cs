using Analytics.Grains.Interfaces.Events;
using Analytics.Grains.Interfaces.Events.Wire;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace Analytics.UnitTests.Events;

/// <summary>An event read back from Kafka is the event ingestion wrote, dimensions included, whatever its strings hold.</summary>
public sealed class EventWireFormatTests
{
    private static readonly Dimensions Chrome = new("Google", "newsletter", "email", "winter", "Chrome", "Windows", "desktop", "DE");

    private static AnalyticsEvent Event(Dimensions dimensions) =>
        new AnalyticsEvent("e-1", EventType.PageView, "shop.example.com", "v-1", 1_767_000_000_123, "https://shop.example.com/a?utm_source=newsletter",
            "/a", "https://www.google.com/", null, new Dictionary<string, PropertyValue> { ["plan"] = PropertyValue.Of("pro") }, 1_767_000_000_456_789)
        { Dimensions = dimensions };

    [Fact]
    public void An_event_with_dimensions_comes_back_with_them()
    {
        var back = EventWireFormat.Decode(EventWireFormat.Encode(Event(Chrome)));

        Assert.Equal(Chrome, back.Dimensions);
        Assert.Equal(EventWireFormat.Encode(Event(Chrome)), EventWireFormat.Encode(back));
    }

    [Fact]
    public void A_bots_event_comes_back_as_a_bots_with_its_user_agent_and_a_persons_without_the_mark()
    {
        var bot = Event(Chrome) with { Props = null, UserAgent = "Mozilla/5.0 (compatible; Googlebot/2.1)", Bot = true };
        var person = Event(Chrome) with { Props = null, UserAgent = "Mozilla/5.0 (Windows NT 10.0) Chrome/120.0" };

        Assert.Equal(bot, EventWireFormat.Decode(EventWireFormat.Encode(bot)));
        Assert.Equal(person, EventWireFormat.Decode(EventWireFormat.Encode(person)));
        Assert.False(EventWireFormat.Decode(EventWireFormat.Encode(person)).Bot);
    }

    [Fact]
    public void A_custom_events_name_comes_back_and_an_event_without_one_ends_where_it_did_before()
    {
        var named = Event(Chrome) with { Type = EventType.Custom, Props = null, Name = "signup" };
        var unnamed = named with { Name = null };

        Assert.Equal(named, EventWireFormat.Decode(EventWireFormat.Encode(named)));
        Assert.Null(EventWireFormat.Decode(EventWireFormat.Encode(unnamed)).Name);
        Assert.Equal(EventWireFormat.Encode(unnamed).Length + 1 + 1 + "signup".Length, EventWireFormat.Encode(named).Length);
    }

    [Fact]
    public void An_event_without_dimensions_is_written_as_before_and_comes_back_unknown()
    {
        var e = Event(Dimensions.Unknown);
        // The bytes of format version 1 as written before dimensions existed: flags Url|Page|Referrer|Props, no more.
        var bytes = EventWireFormat.Encode(e);

        Assert.Equal(1 | 2 | 4 | 16, bytes[1]);
        Assert.Equal(Dimensions.Unknown, EventWireFormat.Decode(bytes).Dimensions);
        Assert.Equal(e.Props, EventWireFormat.Decode(bytes).Props);
    }

    [Fact]
    public void An_event_read_back_equals_the_event_written_with_or_without_dimensions()
    {
        var plain = Event(Dimensions.Unknown) with { Props = null };
        var enriched = plain with { Dimensions = Chrome };

        Assert.Equal(plain, EventWireFormat.Decode(EventWireFormat.Encode(plain)));
        Assert.Equal(enriched, EventWireFormat.Decode(EventWireFormat.Encode(enriched)));
        Assert.NotEqual(plain, enriched);
    }

    [Fact]
    public void An_event_created_without_its_initializers_has_unknown_dimensions()
    {
        // What Orleans does with a record from a silo that predates the field: no constructor, no initializer.
        var e = (AnalyticsEvent)System.Runtime.CompilerServices.RuntimeHelpers.GetUninitializedObject(typeof(AnalyticsEvent));

        Assert.Equal(Dimensions.Unknown, e.Dimensions);
    }

    public static TheoryData<string, string> HostileStrings() => new()
    {
        { "very long", new string('x', 100_000) },
        { "control characters", "a\0b\u0007c\r\n\u001f\u007f\u0085" },
        { "not ASCII", "Überweisung 日本 👍" },
        { "empty", "" },
    };

    [Theory]
    [MemberData(nameof(HostileStrings))]
    public void Hostile_strings_in_every_dimension_come_back_as_they_were(string description, string text)
    {
        var hostile = new Dimensions(text, text + "1", text + "2", text + "3", text + "4", text + "5", text + "6", text + "7");

        var back = EventWireFormat.Decode(EventWireFormat.Encode(Event(hostile)));

        Assert.True(hostile == back.Dimensions, description);
    }

    [Fact]
    public void A_lone_surrogate_comes_back_as_the_replacement_character_and_the_event_stays_readable()
    {
        // UTF-8 cannot hold half a surrogate pair; the encoder writes U+FFFD instead, as it does for every string field.
        var back = EventWireFormat.Decode(EventWireFormat.Encode(Event(Chrome with { Browser = "a\ud800b", Os = "\udc00" })));

        Assert.Equal(Chrome with { Browser = "a\ufffdb", Os = "\ufffd" }, back.Dimensions);
    }

    [Fact]
    public void Truncated_dimensions_are_refused()
    {
        var bytes = EventWireFormat.Encode(Event(Chrome));

        Assert.StartsWith("truncated at byte", Assert.Throws<FormatException>(() => EventWireFormat.Decode(bytes[..^1])).Message);
    }

    [Fact]
    public void Orleans_carries_the_dimensions_between_grains()
    {
        var serializer = new ServiceCollection().AddSerializer(b => b.AddAssembly(typeof(AnalyticsEvent).Assembly)).BuildServiceProvider().GetRequiredService<Serializer<AnalyticsEvent>>();
        var e = Event(Chrome);

        var back = serializer.Deserialize(serializer.SerializeToArray(e))!;

        Assert.Equal(Chrome, back.Dimensions);
        Assert.Equal(EventWireFormat.Encode(e), EventWireFormat.Encode(back));
    }
}
