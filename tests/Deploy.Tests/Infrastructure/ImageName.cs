namespace Analytics.Deploy.Tests.Infrastructure;

internal static class ImageName
{
    public const string Silo = "analytics-silo";
    public const string Api = "analytics-api";

    /// <summary>The repository name of an image reference: <c>registry:5000/team/analytics-api:1.2</c> is <c>analytics-api</c>.</summary>
    public static string Of(string reference)
    {
        var last = reference[(reference.LastIndexOf('/') + 1)..];
        var end = last.IndexOfAny([':', '@']);
        return end < 0 ? last : last[..end];
    }
}
