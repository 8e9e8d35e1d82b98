using Analytics.Deploy.Tests.Infrastructure;

namespace Analytics.Deploy.Tests;

public sealed class YamlNodeTests
{
    [Fact]
    public void Merge_keys_bring_in_the_anchor_and_local_keys_win_as_in_compose()
    {
        var root = YamlNode.Load(
            """
            x-base: &base
              image: a
              restart: always
            services:
              one:
                <<: *base
                restart: "no"
            """);

        var one = root["services"]["one"];
        Assert.Equal("a", one["image"].Text);
        Assert.Equal("no", one["restart"].Text);
        Assert.False(one["<<"].Exists);
    }
}
