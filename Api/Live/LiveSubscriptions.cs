namespace Analytics.Api.Live;

/// <summary>Which sites this web host's browsers watch; the grains send it updates of those sites only.</summary>
public sealed class LiveSubscriptions
{
    private readonly Dictionary<string, HashSet<string>> _byConnection = [];

    /// <summary>Raised when a site gains its first watcher here: the registration with the grid is refreshed at once.</summary>
    public event Action? SitesChanged;

    public string[] Sites
    {
        get
        {
            lock (_byConnection) return [.. _byConnection.Values.SelectMany(s => s).Distinct()];
        }
    }

    public void Add(string connection, string site)
    {
        bool isNew;
        lock (_byConnection)
        {
            isNew = !_byConnection.Values.Any(s => s.Contains(site));
            if (!_byConnection.TryGetValue(connection, out var sites)) _byConnection[connection] = sites = [];
            sites.Add(site);
        }
        if (isNew) SitesChanged?.Invoke();
    }

    public void Remove(string connection, string site)
    {
        lock (_byConnection)
        {
            if (_byConnection.TryGetValue(connection, out var sites)) sites.Remove(site);
        }
    }

    public void RemoveConnection(string connection)
    {
        lock (_byConnection) _byConnection.Remove(connection);
    }
}
