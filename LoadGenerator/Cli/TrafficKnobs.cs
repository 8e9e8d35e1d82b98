using System.CommandLine;
using System.CommandLine.Parsing;
using Analytics.LoadGenerator.Traffic;

namespace Analytics.LoadGenerator.Cli;

/// <summary>
/// One command-line option per setting of <see cref="TrafficProfile"/>, named after it (<c>LateShare</c> is
/// <c>--late-share</c>) so that the profile's problems name the option to fix; defaults are the profile's own.
/// </summary>
internal sealed class TrafficKnobs
{
    private static readonly TrafficProfile Defaults = new();
    private readonly List<Option> _options = [];
    private readonly List<Func<ParseResult, TrafficProfile, TrafficProfile>> _readers = [];

    public TrafficKnobs()
    {
        Add(nameof(TrafficProfile.Seed), "Seed of the traffic model: the same seed sends the same traffic", p => p.Seed, (p, v) => p with { Seed = v });
        Add(nameof(TrafficProfile.Sites), "Number of sites (site01.example.test, …)", p => p.Sites, (p, v) => p with { Sites = v });
        Add(nameof(TrafficProfile.SiteZipfExponent), "Zipf exponent of visitors over sites (0: even)", p => p.SiteZipfExponent, (p, v) => p with { SiteZipfExponent = v });
        Add(nameof(TrafficProfile.PagesPerSite), "Pages of each site", p => p.PagesPerSite, (p, v) => p with { PagesPerSite = v });
        Add(nameof(TrafficProfile.PageZipfExponent), "Zipf exponent of page popularity", p => p.PageZipfExponent, (p, v) => p with { PageZipfExponent = v });
        Add(nameof(TrafficProfile.Visitors), "Size of the visitor pool", p => p.Visitors, (p, v) => p with { Visitors = v });
        Add(nameof(TrafficProfile.ReturningShare), "Chance that a new session is a returning visitor's", p => p.ReturningShare, (p, v) => p with { ReturningShare = v });
        Add(nameof(TrafficProfile.MeanEventsPerSession), "Mean events per session", p => p.MeanEventsPerSession, (p, v) => p with { MeanEventsPerSession = v });
        Add(nameof(TrafficProfile.MaxEventsPerSession), "Most events per session", p => p.MaxEventsPerSession, (p, v) => p with { MaxEventsPerSession = v });
        Add(nameof(TrafficProfile.PageViewWeight), "Weight of page_view after the landing page", p => p.PageViewWeight, (p, v) => p with { PageViewWeight = v });
        Add(nameof(TrafficProfile.ClickWeight), "Weight of click", p => p.ClickWeight, (p, v) => p with { ClickWeight = v });
        Add(nameof(TrafficProfile.CustomWeight), "Weight of custom", p => p.CustomWeight, (p, v) => p with { CustomWeight = v });
        Add(nameof(TrafficProfile.ConversionRate), "Share of sessions ending in a conversion", p => p.ConversionRate, (p, v) => p with { ConversionRate = v });
        Add(nameof(TrafficProfile.ThinkTimeMin), "Shortest think time between a session's events", p => p.ThinkTimeMin, (p, v) => p with { ThinkTimeMin = v });
        Add(nameof(TrafficProfile.ThinkTimeMax), "Longest think time", p => p.ThinkTimeMax, (p, v) => p with { ThinkTimeMax = v });
        Add(nameof(TrafficProfile.SessionGap), "The grid's session gap", p => p.SessionGap, (p, v) => p with { SessionGap = v });
        Add(nameof(TrafficProfile.ReturnGapMin), "Shortest absence before a visitor returns", p => p.ReturnGapMin, (p, v) => p with { ReturnGapMin = v });
        Add(nameof(TrafficProfile.ReturnGapMax), "Longest absence before a visitor returns", p => p.ReturnGapMax, (p, v) => p with { ReturnGapMax = v });
        Add(nameof(TrafficProfile.OutOfOrderShare), "Share of events moved back in time", p => p.OutOfOrderShare, (p, v) => p with { OutOfOrderShare = v });
        Add(nameof(TrafficProfile.MaxOutOfOrderness), "The grid's MaxOutOfOrderness: how far back they move at most", p => p.MaxOutOfOrderness, (p, v) => p with { MaxOutOfOrderness = v });
        Add(nameof(TrafficProfile.LateShare), "Share of events held back and sent late", p => p.LateShare, (p, v) => p with { LateShare = v });
        Add(nameof(TrafficProfile.LateBy), "How far behind the newest event a late event is sent", p => p.LateBy, (p, v) => p with { LateBy = v });
        Add(nameof(TrafficProfile.DuplicateShare), "Share of events that re-send a recent event with the same id", p => p.DuplicateShare, (p, v) => p with { DuplicateShare = v });
    }

    public IReadOnlyList<Option> Options => _options;

    public TrafficProfile Read(ParseResult result, TrafficProfile profile) => _readers.Aggregate(profile, (p, read) => read(result, p));

    private void Add<T>(string setting, string description, Func<TrafficProfile, T> current, Func<TrafficProfile, T, TrafficProfile> set)
    {
        var option = new Option<T>(LoadOptions.OptionOf(setting)) { Description = description, DefaultValueFactory = _ => current(Defaults) };
        if (option is Option<TimeSpan> duration)
        {
            duration.CustomParser = ParseDuration;
            duration.HelpName = "duration";
        }
        _options.Add(option);
        _readers.Add((result, profile) => set(profile, result.GetValue(option)!));
    }

    /// <summary>Reads a duration option's token, or reports the expected form under the option's name.</summary>
    public static TimeSpan ParseDuration(ArgumentResult result)
    {
        var token = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
        if (DurationText.TryParse(token, out var duration)) return duration;
        var option = (result.Parent as OptionResult)?.Option.Name ?? "duration";
        result.AddError($"{option}: '{token}' is not a duration; write for example 500ms, 60s, 10m or 2h");
        return default;
    }
}
