using Analytics.Grains.Interfaces.Events;

namespace Analytics.Enrichment.Sources;

/// <summary>
/// The <c>source</c> dimension (METRICS.md §3b): the referrer's name from the <see cref="ReferrerList"/> where known, else
/// its host without <c>www.</c>. No referrer, one that is not an absolute http(s) URL (<c>android-app://…</c>, text), or
/// one from the site itself (same host, case-insensitive, either side with or without <c>www.</c>) is
/// <see cref="Dimensions.DirectNone"/>.
/// </summary>
public sealed class SourceResolver(ReferrerList referrers)
{
    public string Resolve(string? referrer, string site)
    {
        if (string.IsNullOrWhiteSpace(referrer) || referrer.Length > Grains.Interfaces.Events.EventRules.ReferrerMaxLength
            || !Uri.TryCreate(referrer.Trim(), UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
            || uri.HostNameType is not (UriHostNameType.Dns or UriHostNameType.IPv4 or UriHostNameType.IPv6))
        {
            return Dimensions.DirectNone;
        }
        var host = uri.IdnHost.ToLowerInvariant();
        var bare = WithoutWww(host);
        if (string.Equals(bare, WithoutWww(site), StringComparison.OrdinalIgnoreCase)) return Dimensions.DirectNone;
        return referrers.Find(host, uri.AbsolutePath) ?? bare;
    }

    private static string WithoutWww(string host) =>
        host.StartsWith("www.", StringComparison.OrdinalIgnoreCase) && host.Length > 4 ? host[4..] : host;
}
