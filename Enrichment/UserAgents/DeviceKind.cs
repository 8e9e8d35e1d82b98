namespace Analytics.Enrichment.UserAgents;

/// <summary>
/// The <c>device</c> dimension: <c>desktop</c>, <c>mobile</c> or <c>tablet</c>, from uap-core's device and OS families
/// and the user agent's own tokens. uap-core names devices (<c>iPad</c>, <c>Samsung SM-X700</c>) but not their kind,
/// so the kind follows these rules, in this order:
/// <list type="number">
/// <item>tablet: the device family is <c>iPad</c>, <c>Generic Tablet</c> or a <c>Kindle</c>; or the OS is Android and the
/// user agent has no <c>Mobi</c> token (Android browsers write <c>Mobile</c> on phones only, as Google asks them to;
/// Android TVs and cars, which write none either, count as tablets).</item>
/// <item>mobile: the device family is <c>iPhone</c>, <c>iPod</c>, <c>Generic Smartphone</c> or <c>Generic Feature Phone</c>; or
/// the OS is one that runs on phones only; or the user agent has a <c>Mobi</c> token (MDN's advice for every other browser).</item>
/// <item>desktop: everything else, crawlers included. An iPad asking for desktop sites sends a Mac's user agent and so
/// counts as a desktop: nothing in its user agent tells them apart.</item>
/// </list>
/// </summary>
public static class DeviceKind
{
    public const string Desktop = "desktop";
    public const string Mobile = "mobile";
    public const string Tablet = "tablet";

    private static readonly HashSet<string> TabletFamilies = new(StringComparer.Ordinal) { "iPad", "Generic Tablet" };

    private static readonly HashSet<string> MobileFamilies =
        new(StringComparer.Ordinal) { "iPhone", "iPod", "iPod Touch", "Generic Smartphone", "Generic Feature Phone" };

    private static readonly HashSet<string> PhoneOnlyOs =
        new(StringComparer.Ordinal) { "Windows Phone", "BlackBerry OS", "Symbian OS", "KaiOS", "Firefox OS" };

    public static string Of(string deviceFamily, string osFamily, string userAgent)
    {
        var saysMobi = userAgent.Contains("Mobi", StringComparison.Ordinal);
        if (TabletFamilies.Contains(deviceFamily) || deviceFamily.StartsWith("Kindle", StringComparison.Ordinal)) return Tablet;
        if (osFamily == "Android" && !saysMobi) return Tablet;
        if (MobileFamilies.Contains(deviceFamily) || PhoneOnlyOs.Contains(osFamily) || saysMobi) return Mobile;
        return Desktop;
    }
}
