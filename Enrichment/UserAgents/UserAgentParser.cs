using System.Text.RegularExpressions;
using Analytics.Grains.Interfaces.Events;

namespace Analytics.Enrichment.UserAgents;

/// <summary>
/// Names the browser and OS families of a user agent exactly as uap-core spells them, without versions, and its
/// device kind (<see cref="DeviceKind"/>). uap-core's <c>Other</c> (nothing matched) is the dimension's <c>(none)</c>.
/// Thread-safe; never throws for any input.
/// </summary>
public sealed class UserAgentParser
{
    private readonly UapRuleList browsers;
    private readonly UapRuleList os;
    private readonly UapRuleList devices;

    private UserAgentParser((UapRuleList Browsers, UapRuleList Os, UapRuleList Devices) lists) =>
        (browsers, os, devices) = lists;

    /// <summary>Loads uap-core's <c>regexes.yaml</c>.</summary>
    public static UserAgentParser Load(string regexesYaml) => new(UapRegexes.Load(regexesYaml, UserAgentText.MatchTimeout));

    /// <summary>Rules read, for the start-up log.</summary>
    public int RuleCount => browsers.Count + os.Count + devices.Count;

    public ParsedUserAgent Parse(string? userAgent)
    {
        if (string.IsNullOrWhiteSpace(userAgent)) return ParsedUserAgent.Unknown;
        var text = UserAgentText.Bounded(userAgent);
        try
        {
            var osFamily = os.Family(text);
            return new ParsedUserAgent(
                ValueOf(browsers.Family(text)), ValueOf(osFamily), DeviceKind.Of(devices.Family(text), osFamily, text));
        }
        catch (RegexMatchTimeoutException)
        {
            return ParsedUserAgent.Unknown;
        }
    }

    private static string ValueOf(string family) => family == UapRuleList.Other ? Dimensions.None : family;
}
