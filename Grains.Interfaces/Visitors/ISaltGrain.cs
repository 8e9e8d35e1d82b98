namespace Analytics.Grains.Interfaces.Visitors;

/// <summary>
/// The salts cookieless visitors are derived from (METRICS.md §3b). One grain for the whole grid (key
/// <see cref="Grid"/>), so that every API host derives the same visitor from the same request; its state is in the
/// grid's storage, so a salt outlives a silo. It keeps the salt of the newest period asked for and of the one before
/// (a host whose clock is a little behind still asks for that one at a rotation); older salts are deleted, after which
/// nobody can work out a visitor of those periods again.
/// </summary>
public interface ISaltGrain : IGrainWithIntegerKey
{
    public const long Grid = 0;

    /// <summary>
    /// The salt of <paramref name="period"/> (32 random bytes), made and saved on the first ask. Fails for a period that
    /// ended before the previous one began: its salt is deleted (the asking host's clock is a period or more behind).
    /// </summary>
    Task<byte[]> GetSalt(SaltPeriod period);
}
