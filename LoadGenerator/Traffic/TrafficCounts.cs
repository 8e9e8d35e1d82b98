namespace Analytics.LoadGenerator.Traffic;

/// <summary>What a <see cref="TrafficGenerator"/> has produced so far.</summary>
/// <param name="Events">Events returned, duplicates and late ones included.</param>
/// <param name="Sessions">Sessions started: the number the contract's gap rule finds in the returned events, as long as none is still held back.</param>
/// <param name="OutOfOrder">Events whose time was moved back, by at most <see cref="TrafficProfile.MaxOutOfOrderness"/>.</param>
/// <param name="Late">Held-back events returned at least <see cref="TrafficProfile.LateBy"/> behind the newest event.</param>
/// <param name="Duplicates">Events returned a second time, unchanged.</param>
/// <param name="HeldBack">Events held back and not returned yet.</param>
public readonly record struct TrafficCounts(long Events, long Sessions, long OutOfOrder, long Late, long Duplicates, int HeldBack);
