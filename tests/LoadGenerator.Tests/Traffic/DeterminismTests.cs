using Analytics.LoadGenerator.Tests.Infrastructure;
using Analytics.LoadGenerator.Traffic;

namespace Analytics.LoadGenerator.Tests.Traffic;

public class DeterminismTests
{
    private static readonly TrafficProfile Profile = new() { Seed = 42, LateShare = 0.02, LateBy = TimeSpan.FromSeconds(30), DuplicateShare = 0.02 };

    [Fact]
    public void Same_seed_and_clock_give_the_same_events()
    {
        var first = Logs.Of(Profile, 10_000);
        var second = Logs.Of(Profile, 10_000);

        Assert.Equal(Logs.Wire(first), Logs.Wire(second));
    }

    [Fact]
    public void An_irregular_clock_is_followed_the_same_way_twice()
    {
        List<string> Run()
        {
            var generator = new TrafficGenerator(Profile);
            var now = Logs.Start;
            return Logs.Wire(Enumerable.Range(0, 5_000).Select(i => generator.Next(now += i % 7 * 13)));
        }

        Assert.Equal(Run(), Run());
    }

    [Fact]
    public void Another_seed_gives_other_events()
    {
        var first = Logs.Of(Profile, 1_000);
        var other = Logs.Of(Profile with { Seed = 43 }, 1_000);

        Assert.NotEqual(first.Select(e => e.Visitor), other.Select(e => e.Visitor));
        Assert.Empty(first.Select(e => e.Id).Intersect(other.Select(e => e.Id)));
    }
}
