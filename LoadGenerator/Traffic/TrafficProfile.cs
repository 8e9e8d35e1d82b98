namespace Analytics.LoadGenerator.Traffic;

/// <summary>
/// What the traffic looks like. Visitors belong to one site each and come in sessions: a landing page view,
/// then page views, clicks and custom events separated by think time, sometimes ending in a conversion.
/// A visitor returns after more than <see cref="SessionGap"/>, so that the grid sees a new session.
/// Every duration is event time: the caller's clock decides how fast it passes.
/// </summary>
public sealed record TrafficProfile
{
    /// <summary>Same seed and same clock values give the same events.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Starts every event id; null means <c>s{Seed}</c>. Give each run its own prefix when ids must not repeat across runs.</summary>
    public string? IdPrefix { get; init; }

    /// <summary>Number of sites, named <c>site01.example.test</c> and on.</summary>
    public int Sites { get; init; } = 10;

    /// <summary>Zipf exponent of the sites' share of visitors: 0 spreads visitors evenly.</summary>
    public double SiteZipfExponent { get; init; } = 0.8;

    /// <summary>Pages of each site; the root <c>/</c> is the most popular.</summary>
    public int PagesPerSite { get; init; } = 50;

    /// <summary>Zipf exponent of page popularity within a site: page k is viewed in proportion to 1/k^s.</summary>
    public double PageZipfExponent { get; init; } = 1.1;

    /// <summary>
    /// How many distinct visitors may appear. New sessions take new visitors until the pool runs out; a pool
    /// smaller than the traffic needs (rate × session length) brings visitors back sooner than <see cref="ReturnGapMin"/>.
    /// </summary>
    public int Visitors { get; init; } = 1_000_000;

    /// <summary>The chance that a new session is a returning visitor's, when one is due back.</summary>
    public double ReturningShare { get; init; } = 0.3;

    /// <summary>Mean events per session (geometric, at least 1): its inverse is about the share of bounces.</summary>
    public double MeanEventsPerSession { get; init; } = 5;

    public int MaxEventsPerSession { get; init; } = 40;

    /// <summary>Relative weights of the events after a session's landing page view.</summary>
    public double PageViewWeight { get; init; } = 0.6;

    public double ClickWeight { get; init; } = 0.3;

    public double CustomWeight { get; init; } = 0.1;

    /// <summary>Share of sessions that end in a <c>conversion</c> with a revenue value.</summary>
    public double ConversionRate { get; init; } = 0.03;

    /// <summary>Think time between a session's events: log-uniform between the two bounds.</summary>
    public TimeSpan ThinkTimeMin { get; init; } = TimeSpan.FromSeconds(2);

    public TimeSpan ThinkTimeMax { get; init; } = TimeSpan.FromSeconds(90);

    /// <summary>The grid's session gap (METRICS.md §3): a visitor's events further apart than this are two sessions.</summary>
    public TimeSpan SessionGap { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>A visitor is due back this long after its session's last event: log-uniform between the two bounds.</summary>
    public TimeSpan ReturnGapMin { get; init; } = TimeSpan.FromMinutes(35);

    public TimeSpan ReturnGapMax { get; init; } = TimeSpan.FromHours(4);

    /// <summary>Share of session events whose time is moved back by up to <see cref="MaxOutOfOrderness"/>.</summary>
    public double OutOfOrderShare { get; init; } = 0.05;

    /// <summary>The grid's <c>MaxOutOfOrderness</c>: no event but a late one is further than this behind the newest before it.</summary>
    public TimeSpan MaxOutOfOrderness { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Share of session events held back and sent once the newest event is <see cref="LateBy"/> ahead of them.</summary>
    public double LateShare { get; init; }

    public TimeSpan LateBy { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Share of events that re-send a recent event unchanged (same id), as a client retry would.</summary>
    public double DuplicateShare { get; init; }

    /// <summary>The settings that are wrong, each with its rule; empty when all are right.</summary>
    public IEnumerable<SettingProblem> Problems()
    {
        if (IdPrefix is { } prefix && (prefix.Length is 0 or > 40 || prefix.Any(char.IsControl)))
            yield return new(nameof(IdPrefix), "must have 1 to 40 characters and no control characters");
        if (Sites is < 1 or > 9999) yield return new(nameof(Sites), $"must be between 1 and 9999 (got {Sites})");
        if (!InRange(SiteZipfExponent, 0, 5)) yield return new(nameof(SiteZipfExponent), $"must be between 0 and 5 (got {SiteZipfExponent})");
        if (PagesPerSite is < 1 or > 10_000) yield return new(nameof(PagesPerSite), $"must be between 1 and 10000 (got {PagesPerSite})");
        if (!InRange(PageZipfExponent, 0, 5)) yield return new(nameof(PageZipfExponent), $"must be between 0 and 5 (got {PageZipfExponent})");
        if (Visitors is < 1 or > 100_000_000) yield return new(nameof(Visitors), $"must be between 1 and 100000000 (got {Visitors})");
        if (!InRange(ReturningShare, 0, 1)) yield return new(nameof(ReturningShare), $"must be between 0 and 1 (got {ReturningShare})");
        if (MaxEventsPerSession is < 1 or > 10_000) yield return new(nameof(MaxEventsPerSession), $"must be between 1 and 10000 (got {MaxEventsPerSession})");
        if (!InRange(MeanEventsPerSession, 1, MaxEventsPerSession))
            yield return new(nameof(MeanEventsPerSession), $"must be between 1 and MaxEventsPerSession ({MaxEventsPerSession}) (got {MeanEventsPerSession})");
        if (!InRange(PageViewWeight, 0, 1000) || !InRange(ClickWeight, 0, 1000) || !InRange(CustomWeight, 0, 1000)
            || PageViewWeight + ClickWeight + CustomWeight <= 0)
            yield return new(nameof(PageViewWeight), "and ClickWeight and CustomWeight must be between 0 and 1000, with a positive sum");
        if (!InRange(ConversionRate, 0, 1)) yield return new(nameof(ConversionRate), $"must be between 0 and 1 (got {ConversionRate})");
        else if (ConversionRate > 0 && MaxEventsPerSession < 2)
            yield return new(nameof(ConversionRate), "needs MaxEventsPerSession of at least 2: a converting session lands, then converts");
        if (ThinkTimeMin < TimeSpan.FromMilliseconds(1)) yield return new(nameof(ThinkTimeMin), "must be at least 1 ms");
        if (ThinkTimeMax < ThinkTimeMin) yield return new(nameof(ThinkTimeMax), $"must not be shorter than ThinkTimeMin ({ThinkTimeMin})");
        if (ThinkTimeMax >= SessionGap) yield return new(nameof(ThinkTimeMax), $"must be shorter than SessionGap ({SessionGap}), or sessions would split inside");
        if (SessionGap < TimeSpan.FromMilliseconds(1)) yield return new(nameof(SessionGap), "must be at least 1 ms");
        if (ReturnGapMin <= SessionGap) yield return new(nameof(ReturnGapMin), $"must be longer than SessionGap ({SessionGap}), or returning visitors would not start a new session");
        if (ReturnGapMax < ReturnGapMin) yield return new(nameof(ReturnGapMax), $"must not be shorter than ReturnGapMin ({ReturnGapMin})");
        if (!InRange(OutOfOrderShare, 0, 1)) yield return new(nameof(OutOfOrderShare), $"must be between 0 and 1 (got {OutOfOrderShare})");
        if (MaxOutOfOrderness < TimeSpan.Zero) yield return new(nameof(MaxOutOfOrderness), "must not be negative");
        else if (OutOfOrderShare > 0 && MaxOutOfOrderness < TimeSpan.FromMilliseconds(1))
            yield return new(nameof(MaxOutOfOrderness), "must be at least 1 ms when OutOfOrderShare is above 0");
        if (!InRange(LateShare, 0, 0.5)) yield return new(nameof(LateShare), $"must be between 0 and 0.5 (got {LateShare})");
        if (LateBy <= MaxOutOfOrderness) yield return new(nameof(LateBy), $"must be longer than MaxOutOfOrderness ({MaxOutOfOrderness}), or late events would look merely out of order");
        if (!InRange(DuplicateShare, 0, 0.5)) yield return new(nameof(DuplicateShare), $"must be between 0 and 0.5 (got {DuplicateShare})");
    }

    // NaN fails every comparison, so it is out of range too.
    private static bool InRange(double value, double min, double max) => value >= min && value <= max;
}
