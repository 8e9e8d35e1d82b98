using Analytics.Grains.Interfaces.Goals;

namespace Analytics.UnitTests.Goals;

/// <summary>The ratios the goal and funnel routes add to the store's counts; a zero divisor answers 0, never NaN.</summary>
public sealed class GoalArithmeticTests
{
    [Fact]
    public void Funnel_steps_carry_ratios_to_the_previous_and_the_first_step_and_the_drop_off()
    {
        var steps = FunnelStep.Of(["pricing", "signup", "purchase"], [200, 50, 10]);

        Assert.Equal([
            new FunnelStep("pricing", 200, 1, 1, 0),
            new FunnelStep("signup", 50, 0.25, 0.25, 150),
            new FunnelStep("purchase", 10, 0.2, 0.05, 40)], steps);
    }

    [Fact]
    public void A_funnel_nobody_entered_answers_zeros_and_the_first_step_still_has_ratio_one()
    {
        Assert.Equal([new FunnelStep("a", 0, 1, 1, 0), new FunnelStep("b", 0, 0, 0, 0)], FunnelStep.Of(["a", "b"], [0, 0]));
    }

    [Fact]
    public void A_step_after_an_empty_one_has_zero_from_previous_but_its_share_of_the_first()
    {
        // The store never answers this (a later step needs the earlier), but the arithmetic must not divide by zero.
        Assert.Equal(new FunnelStep("c", 2, 0, 0.5, -2), FunnelStep.Of(["a", "b", "c"], [4, 0, 2])[2]);
    }

    [Fact]
    public void Goal_conversions_add_the_rate_over_the_ranges_visitors_and_the_average_revenue()
    {
        Assert.Equal(new GoalConversions(3, 4, 0.3, 100, 25), GoalConversions.Of(new GoalTotals(3, 4, 100), 10));
        Assert.Equal(new GoalConversions(0, 0, 0, 0, 0), GoalConversions.Of(new GoalTotals(0, 0, 0), 0));
    }
}
