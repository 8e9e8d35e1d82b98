using System.Text;

namespace Analytics.FunctionalTests.Security;

/// <summary>
/// The page of an event's URL, written from the contract's text and not from the grid's code: METRICS.md §1 ("its path
/// is the page: query string and fragment dropped, trailing / kept only for the root") with the README's choice for
/// pages (percent-encoded, dot segments resolved), read as RFC 3986 says, with browsers' two departures from it (§3.3 path, §5.2.4 dot segments, §2.1 upper-case
/// escapes, §6.2.2.2 escaped unreserved characters decoded) and as browsers read http URLs (a backslash is a slash). It parses the string by hand: no <see cref="Uri"/>.
/// </summary>
public static class ContractPage
{
    private const string Hex = "0123456789ABCDEF";

    public static string Of(string url)
    {
        // After "http:" come any number of slashes (a backslash is one, as browsers read http URLs), then the host.
        var afterScheme = url.IndexOf(':') + 1;
        var rest = url[afterScheme..].Replace('\\', '/').TrimStart('/');
        var pathStart = rest.IndexOfAny(['/', '?', '#']);
        if (pathStart < 0 || rest[pathStart] != '/') return "/";
        var path = rest[pathStart..];
        var end = path.IndexOfAny(['?', '#']);
        if (end >= 0) path = path[..end];

        var output = new List<string>();
        var segments = path[1..].Split('/');
        for (var i = 0; i < segments.Length; i++)
        {
            var last = i == segments.Length - 1;
            switch (segments[i])
            {
                case ".":
                    if (last) output.Add("");
                    break;
                case "..":
                    if (output.Count > 0) output.RemoveAt(output.Count - 1);
                    if (last) output.Add("");
                    break;
                default:
                    output.Add(Encode(segments[i]));
                    break;
            }
        }
        var page = "/" + string.Join('/', output);
        page = page.TrimEnd('/');
        return page.Length == 0 ? "/" : page;
    }

    /// <summary>A segment with every character outside RFC 3986's pchar escaped as UTF-8, and existing escapes upper-cased.</summary>
    private static string Encode(string segment)
    {
        var text = new StringBuilder();
        for (var i = 0; i < segment.Length; i++)
        {
            var c = segment[i];
            if (c == '%' && i + 2 < segment.Length && IsHex(segment[i + 1]) && IsHex(segment[i + 2]))
            {
                // An escaped unreserved character is that character (§6.2.2.2); other escapes stay, in upper case (§6.2.2.1).
                var escaped = (char)Convert.ToInt32(segment.Substring(i + 1, 2), 16);
                if (IsUnreserved(escaped)) text.Append(escaped);
                else text.Append('%').Append(char.ToUpperInvariant(segment[i + 1])).Append(char.ToUpperInvariant(segment[i + 2]));
                i += 2;
            }
            else if (IsPathCharacter(c))
            {
                text.Append(c);
            }
            else
            {
                var length = char.IsHighSurrogate(c) && i + 1 < segment.Length ? 2 : 1;
                foreach (var b in Encoding.UTF8.GetBytes(segment.Substring(i, length))) text.Append('%').Append(Hex[b >> 4]).Append(Hex[b & 15]);
                i += length - 1;
            }
        }
        return text.ToString();
    }

    /// <summary>RFC 3986 pchar without '%' (unreserved, sub-delims, ':' and '@'), and '[' and ']', which browsers leave in a path as they are.</summary>
    private static bool IsPathCharacter(char c) =>
        IsUnreserved(c) || c is '!' or '$' or '&' or '\'' or '(' or ')' or '*' or '+' or ',' or ';' or '=' or ':' or '@' or '[' or ']';

    private static bool IsUnreserved(char c) => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '-' or '.' or '_' or '~';

    private static bool IsHex(char c) => c is (>= '0' and <= '9') or (>= 'a' and <= 'f') or (>= 'A' and <= 'F');
}
