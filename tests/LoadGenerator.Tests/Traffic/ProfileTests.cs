using Analytics.LoadGenerator.Traffic;

namespace Analytics.LoadGenerator.Tests.Traffic;

public class ProfileTests
{
    [Fact]
    public void The_defaults_are_valid()
    {
        Assert.Empty(new TrafficProfile().Problems());
    }

    [Fact]
    public void Each_wrong_setting_is_named()
    {
        var profile = new TrafficProfile
        {
            Sites = 0,
            LateShare = 0.9,
            ReturnGapMin = TimeSpan.FromMinutes(10),
            ConversionRate = double.NaN,
        };

        Assert.Equal(["Sites", "ConversionRate", "ReturnGapMin", "LateShare"], profile.Problems().Select(p => p.Setting));
        var error = Assert.Throws<ArgumentException>(() => new TrafficGenerator(profile));
        Assert.Contains("ReturnGapMin must be longer than SessionGap", error.Message);
    }
}
