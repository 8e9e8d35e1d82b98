using System.Text.RegularExpressions;

namespace Analytics.Deploy.Tests.Infrastructure;

/// <summary>
/// Finds values in deployment files that look like real secrets. A secret-looking setting (a password, token,
/// key or credential, also inside a connection string or a URL) must hold a placeholder: a compose variable
/// (<c>${NAME}</c>, <c>${NAME:?message}</c>, or <c>${NAME:-default}</c> with a placeholder default), a
/// Kubernetes reference (<c>$(NAME)</c>), or text marked <c>change-me</c> / <c>CHANGE_ME</c>.
/// </summary>
internal static partial class SecretScanner
{
    public sealed record Finding(string Where, string Reason);

    /// <summary>Every scalar of a YAML document, with Kubernetes <c>name</c>/<c>value</c> pairs and compose <c>NAME=value</c> items taken as settings.</summary>
    public static IEnumerable<Finding> ScanYaml(string file, string yaml) =>
        YamlNode.LoadAll(yaml).SelectMany((document, index) => Walk($"{file}#{index}", "", document));

    /// <summary>Lines of the form <c>NAME=value</c> (a .env file); comments and blank lines are skipped.</summary>
    public static IEnumerable<Finding> ScanEnvFile(string file, string text) =>
        text.Split('\n')
            .Select(line => line.Trim())
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(line => line.Split('=', 2))
            .SelectMany(pair => Check($"{file}: {pair[0]}", pair[0], pair.Length > 1 ? pair[1] : ""));

    public static IEnumerable<Finding> Check(string where, string key, string value)
    {
        if (SecretKey().IsMatch(key) && !IsPlaceholder(value))
            yield return new Finding(where, $"{key} holds a value that is not a placeholder");
        foreach (Match match in ConnectionStringPassword().Matches(value))
        {
            if (!IsPlaceholder(match.Groups[1].Value.Trim()))
                yield return new Finding(where, "a connection string holds a password that is not a placeholder");
        }
        foreach (Match match in UrlCredentials().Matches(value))
        {
            if (!IsPlaceholder(match.Groups[1].Value))
                yield return new Finding(where, "a URL carries a password that is not a placeholder");
        }
        if (KnownSecretShape().IsMatch(value))
            yield return new Finding(where, "holds a private key or an access token");
    }

    public static bool IsPlaceholder(string value)
    {
        if (value.Length == 0 || value is "true" or "false" || ChangeMe().IsMatch(value) || KubernetesReference().IsMatch(value)) return true;
        var variable = ComposeVariable().Match(value);
        if (!variable.Success) return false;
        return variable.Groups["op"].Value is not (":-" or "-") || IsPlaceholder(variable.Groups["rest"].Value);
    }

    private static IEnumerable<Finding> Walk(string where, string key, YamlNode node)
    {
        if (node.Text is { } text)
        {
            foreach (var finding in Check($"{where} {key}", key, text)) yield return finding;
            var pair = text.Split('=', 2);
            if (pair.Length == 2 && EnvironmentName().IsMatch(pair[0]))
            {
                foreach (var finding in Check($"{where} {pair[0]}", pair[0], pair[1])) yield return finding;
            }
            yield break;
        }
        if (node["name"].Text is { } name && node["value"].Text is { } value)
        {
            foreach (var finding in Check($"{where} {name}", name, value)) yield return finding;
        }
        foreach (var (childKey, child) in node.Entries)
        {
            foreach (var finding in Walk($"{where}/{childKey}", childKey, child)) yield return finding;
        }
        foreach (var (item, index) in node.Items.Select((item, index) => (item, index)))
        {
            foreach (var finding in Walk($"{where}/{index}", key, item)) yield return finding;
        }
    }

    [GeneratedRegex("password|passwd|secret|token|api[-_]?key|private[-_]?key|credential", RegexOptions.IgnoreCase)]
    private static partial Regex SecretKey();

    [GeneratedRegex(@"(?:password|pwd)\s*=\s*([^;]*)", RegexOptions.IgnoreCase)]
    private static partial Regex ConnectionStringPassword();

    [GeneratedRegex(@"://[^/\s:@]+:([^/\s@]+)@")]
    private static partial Regex UrlCredentials();

    [GeneratedRegex(@"-----BEGIN [A-Z ]*PRIVATE KEY-----|\bAKIA[0-9A-Z]{16}\b|\beyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}|\bgh[pousr]_[A-Za-z0-9]{30,}|\bxox[abprs]-[A-Za-z0-9-]{10,}")]
    private static partial Regex KnownSecretShape();

    [GeneratedRegex("change[-_]?me", RegexOptions.IgnoreCase)]
    private static partial Regex ChangeMe();

    [GeneratedRegex(@"^\$\([A-Za-z_][A-Za-z0-9_]*\)$")]
    private static partial Regex KubernetesReference();

    [GeneratedRegex(@"^\$\{[A-Za-z_][A-Za-z0-9_]*(?:(?<op>:?[-?])(?<rest>[^}]*))?\}$")]
    private static partial Regex ComposeVariable();

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_.]*$")]
    private static partial Regex EnvironmentName();
}
