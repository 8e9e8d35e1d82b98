using System.Security.Cryptography;
using Analytics.Grains.Hosting;
using Analytics.Grains.Interfaces.Visitors;

namespace Analytics.Grains.Visitors;

/// <summary>
/// The grid's salts for cookieless visitors (see <see cref="ISaltGrain"/>). A new salt is saved before it is handed out:
/// a salt that a silo's death could lose would split that period's visitors in two. Saving also deletes the salts of
/// periods older than the previous one, so they leave the grid's storage with the first ask of a later period. A
/// period that has not begun by the silo's clock is refused: one host whose clock runs days ahead would otherwise
/// delete the salt every other host still uses.
/// </summary>
internal sealed class SaltGrain(
    [PersistentState("salts", GridOptions.Storage)] IPersistentState<SaltState> state, TimeProvider time) : Grain, ISaltGrain
{
    /// <summary>How far ahead of the silo's clock an asking host's clock may be.</summary>
    public static readonly TimeSpan MaxClockSkew = TimeSpan.FromMinutes(5);

    public async Task<byte[]> GetSalt(SaltPeriod period)
    {
        if (SaltBook.Find(state.State.Salts, period) is { } kept) return kept;
        if (period.Start > (time.GetUtcNow() + MaxClockSkew).ToUnixTimeMilliseconds())
            throw new InvalidOperationException($"The salt period {period} has not begun by the grid's clock: the asking host's clock is ahead");
        var salt = RandomNumberGenerator.GetBytes(CookielessVisitor.SaltBytes);
        var salts = SaltBook.With(state.State.Salts, period, salt)
            ?? throw new InvalidOperationException($"The salt of {period} is deleted: the asking host's clock is a salt period or more behind the grid's");
        var before = state.State.Salts;
        state.State.Salts = salts;
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            // Not saved, so not handed out: the next ask makes (and tries to save) a salt again.
            state.State.Salts = before;
            throw;
        }
        return salt;
    }
}
