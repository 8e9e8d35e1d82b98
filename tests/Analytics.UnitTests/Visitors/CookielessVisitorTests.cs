using System.Security.Cryptography;
using Analytics.Grains.Interfaces.Events;
using Analytics.Grains.Interfaces.Visitors;
using Analytics.Testing;

namespace Analytics.UnitTests.Visitors;

/// <summary>The visitor of an event without one (METRICS.md §3b): the same within a period for one site, address and user agent; another for any other.</summary>
public sealed class CookielessVisitorTests
{
    private static readonly byte[] Salt = RandomNumberGenerator.GetBytes(CookielessVisitor.SaltBytes);
    private const string Site = "shop.example.com";
    private const string Address = "203.0.113.7";

    [Fact]
    public void The_same_site_address_and_user_agent_with_the_same_salt_are_the_same_visitor()
    {
        var visitor = CookielessVisitor.Of(Salt, Site, Address, UserAgents.DesktopChrome);

        Assert.Equal(visitor, CookielessVisitor.Of(Salt.ToArray(), Site, Address, UserAgents.DesktopChrome));
        Assert.StartsWith(CookielessVisitor.Prefix, visitor);
        Assert.Equal(24, visitor.Length);
        Assert.True(visitor.Length <= EventRules.VisitorMaxLength);
        Assert.Matches("^c:[A-Za-z0-9_-]{22}$", visitor);
    }

    [Fact]
    public void Another_salt_is_another_visitor()
    {
        var other = RandomNumberGenerator.GetBytes(CookielessVisitor.SaltBytes);

        Assert.NotEqual(CookielessVisitor.Of(Salt, Site, Address, UserAgents.DesktopChrome), CookielessVisitor.Of(other, Site, Address, UserAgents.DesktopChrome));
    }

    public static TheoryData<string, string, string?, string?> OtherInputs() => new()
    {
        { "another site", "blog.example.com", Address, UserAgents.DesktopChrome },
        { "another address", Site, "203.0.113.8", UserAgents.DesktopChrome },
        { "another IPv6 network", Site, "2001:db8:0:2::/64", UserAgents.DesktopChrome },
        { "no address", Site, null, UserAgents.DesktopChrome },
        { "another user agent", Site, Address, UserAgents.IPhoneSafari },
        { "no user agent", Site, Address, null },
        // Text moved from one input to the next is another input, not the same bytes.
        { "the address's last digit moved to the user agent", Site, "203.0.113.", "7" + UserAgents.DesktopChrome },
    };

    [Theory]
    [MemberData(nameof(OtherInputs))]
    public void Another_site_address_or_user_agent_is_another_visitor(string description, string site, string? address, string? userAgent)
    {
        var visitor = CookielessVisitor.Of(Salt, Site, Address, UserAgents.DesktopChrome);

        Assert.True(visitor != CookielessVisitor.Of(Salt, site, address, userAgent), description);
    }

    [Fact]
    public void A_user_agent_of_any_length_or_text_gives_a_visitor()
    {
        Assert.Equal(24, CookielessVisitor.Of(Salt, Site, Address, new string('x', 512) + "日本\ud800").Length);
        Assert.Equal(24, CookielessVisitor.Of(Salt, Site, Address, new string('x', 100_000)).Length);
    }
}
