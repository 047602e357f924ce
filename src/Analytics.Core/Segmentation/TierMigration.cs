using Analytics.Core.Configuration;

namespace Analytics.Core.Segmentation;

/// <summary>
/// Tier change against the previous run (docs/METHODOLOGY.md §4): <c>up</c> when the tier index fell (the first tier is the best),
/// <c>down</c> when it rose, <c>same</c>, or <c>new</c> when the customer was not in the previous run. A previous tier
/// name that the current configuration no longer defines cannot be ranked, so it is also <c>new</c> (the previous
/// name is still reported in previous_tier), rather than a made-up move that would alert the desk falsely.
/// </summary>
internal static class TierMigration
{
    /// <summary>Moved to a better tier.</summary>
    public const string Up = "up";
    /// <summary>Moved to a worse tier.</summary>
    public const string Down = "down";
    /// <summary>Same tier.</summary>
    public const string Same = "same";
    /// <summary>No comparable previous tier.</summary>
    public const string New = "new";

    /// <summary>The tier change from <paramref name="previousTier"/> (null when absent) to tier index <paramref
    /// name="currentTier"/>.</summary>
    public static string Change(string? previousTier, int currentTier, IReadOnlyList<TierDefinition> tiers)
    {
        ArgumentNullException.ThrowIfNull(tiers);
        if (previousTier is null)
        {
            return New;
        }

        int previous = -1;
        for (int t = 0; t < tiers.Count; t++)
        {
            if (string.Equals(tiers[t].Name, previousTier, StringComparison.Ordinal))
            {
                previous = t;
                break;
            }
        }

        if (previous < 0)
        {
            return New;
        }

        return currentTier < previous ? Up : currentTier > previous ? Down : Same;
    }
}
