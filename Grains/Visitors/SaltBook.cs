using Analytics.Grains.Interfaces.Visitors;

namespace Analytics.Grains.Visitors;

/// <summary>
/// Which salts the salt grain keeps. The newest period is the one that ends last; a salt is kept while its period
/// ends at or after the newest one's start: with periods of one length, the newest and the one just before it. A
/// change of <c>Visitors:SaltPeriod</c> keeps the old length's salts until the new length's next period, no longer.
/// </summary>
internal static class SaltBook
{
    /// <summary>The kept salt of <paramref name="period"/>, or null.</summary>
    public static byte[]? Find(IReadOnlyList<PeriodSalt> salts, SaltPeriod period) => salts.FirstOrDefault(s => s.Period == period)?.Salt;

    /// <summary>
    /// The salts to keep once <paramref name="period"/> has <paramref name="salt"/>: it added, and those no longer kept
    /// left out. Null when the period ended before the newest kept one began: its salt is deleted, or was never made and
    /// would be deleted at once.
    /// </summary>
    public static List<PeriodSalt>? With(IReadOnlyList<PeriodSalt> salts, SaltPeriod period, byte[] salt)
    {
        var all = salts.Append(new PeriodSalt { Period = period, Salt = salt }).OrderBy(s => s.Period.End).ThenBy(s => s.Period.Start).ToList();
        var newest = all[^1].Period;
        if (period.End < newest.Start) return null;
        return all.Where(s => s.Period.End >= newest.Start).ToList();
    }
}
