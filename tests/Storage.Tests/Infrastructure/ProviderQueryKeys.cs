using Analytics.Testing;
using System.Reflection;
using System.Text.RegularExpressions;
using Orleans.Runtime.MembershipService;
using Orleans.Storage;

namespace Analytics.Storage.Tests.Infrastructure;

/// <summary>
/// The OrleansQuery keys the installed provider packages ask for, read from the packages
/// themselves so that a package upgrade that needs a new query fails here, not at deployment.
/// </summary>
public static class ProviderQueryKeys
{
    /// <summary>
    /// The clustering provider refuses to start unless every instance property of its internal
    /// DbStoredQueries class names a stored query; this is the same list it checks.
    /// </summary>
    public static IReadOnlySet<string> ClusteringRequired { get; } = typeof(AdoNetClusteringTable).Assembly
        .GetType("Orleans.Clustering.AdoNet.Storage.DbStoredQueries", throwOnError: true)!
        .GetProperties(BindingFlags.Instance | BindingFlags.NonPublic)
        .Select(property => property.Name)
        .ToHashSet();

    /// <summary>
    /// Optional for the clustering provider, which otherwise falls back to a bulk delete;
    /// the scripts provide it so that cleanup never removes a row that changed after it was read.
    /// </summary>
    public const string ClusteringRowCleanup = "CleanupDefunctSiloEntryKey";

    /// <summary>The keys the grain storage provider loads at start-up, taken from its own query.</summary>
    public static IReadOnlySet<string> Persistence { get; } = Regex
        .Matches(AdoNetGrainStorage.DefaultInitializationQuery, @"QueryKey = '(\w+)'")
        .Select(match => match.Groups[1].Value)
        .ToHashSet();
}
