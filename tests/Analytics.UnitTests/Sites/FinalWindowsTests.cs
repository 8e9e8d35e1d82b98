using Analytics.Grains.Interfaces.Windows;
using Analytics.Grains.Sites;

namespace Analytics.UnitTests.Sites;

/// <summary>A reducer's final windows answer by key and by range exactly what was kept.</summary>
public sealed class FinalWindowsTests
{
    private static FinalWindows Kept(params (long Start, long Views)[] windows)
    {
        var final = new FinalWindows(new SiteState());
        foreach (var (start, views) in windows) final.Keep(new WindowKey(WindowFamily.ActiveUsers, start), new WindowValue(views));
        return final;
    }

    [Fact]
    public void A_window_is_found_by_its_key_and_one_never_kept_is_zero()
    {
        var final = Kept((1000, 3), (2000, 5), (60_000, 7));

        Assert.Equal(new WindowValue(5), final.ValueOf(new WindowKey(WindowFamily.ActiveUsers, 2000)));
        Assert.Equal(WindowValue.Zero, final.ValueOf(new WindowKey(WindowFamily.ActiveUsers, 3000)));
        Assert.Equal(WindowValue.Zero, final.ValueOf(new WindowKey(WindowFamily.Sessions, 2000)));
    }

    [Fact]
    public void A_range_holds_the_windows_starting_in_it_oldest_first()
    {
        var final = Kept((60_000, 7), (1000, 3), (3000, 4), (2000, 5));

        var answers = final.Query(WindowFamily.ActiveUsers, 2000, 60_000).ToList();

        Assert.Equal([2000L, 3000L], answers.Select(a => a.Start));
        Assert.Equal([5L, 4L], answers.Select(a => a.Value.A));
        Assert.All(answers, a => Assert.True(a.Final));
    }
}
