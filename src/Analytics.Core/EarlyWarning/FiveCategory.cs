namespace Analytics.Core.EarlyWarning;

/// <summary>The five-category loan classification (五级分类) suggested by docs/METHODOLOGY.md §5, ordered from best to worst.</summary>
public enum FiveCategory : byte
{
    /// <summary>正常: max DPD 0 and no warning.</summary>
    Normal = 0,
    /// <summary>关注: max DPD 1–90, or a normal customer raised by a warning or critical severity.</summary>
    SpecialMention = 1,
    /// <summary>次级: max DPD 91–270.</summary>
    Substandard = 2,
    /// <summary>可疑: max DPD 271–360.</summary>
    Doubtful = 3,
    /// <summary>损失: max DPD over 360.</summary>
    Loss = 4,
}

/// <summary>Rules and text forms of <see cref="FiveCategory"/>.</summary>
public static class FiveCategories
{
    /// <summary>The output name: <c>normal</c>, <c>special_mention</c>, <c>substandard</c>, <c>doubtful</c> or <c>loss</c>.</summary>
    public static string Name(FiveCategory category) => category switch
    {
        FiveCategory.Normal => "normal",
        FiveCategory.SpecialMention => "special_mention",
        FiveCategory.Substandard => "substandard",
        FiveCategory.Doubtful => "doubtful",
        FiveCategory.Loss => "loss",
        _ => throw new ArgumentOutOfRangeException(nameof(category)),
    };

    /// <summary>
    /// The category for people: the words and the Chinese term, e.g. <c>special mention 关注</c>, as a credit officer
    /// reads it in a report (the output tables carry <see cref="Name"/>).
    /// </summary>
    public static string Label(FiveCategory category) => category switch
    {
        FiveCategory.Normal => "normal 正常",
        FiveCategory.SpecialMention => "special mention 关注",
        FiveCategory.Substandard => "substandard 次级",
        FiveCategory.Doubtful => "doubtful 可疑",
        FiveCategory.Loss => "loss 损失",
        _ => throw new ArgumentOutOfRangeException(nameof(category)),
    };

    /// <summary>
    /// The suggestion for <paramref name="maxDpd"/> days past due: 0 normal, 1–90 special mention, 91–270 substandard,
    /// 271–360 doubtful, over 360 loss; a <see cref="Severity.Warning"/> or worse raises normal to special mention.
    /// </summary>
    public static FiveCategory Of(int maxDpd, Severity severity)
    {
        FiveCategory byDpd = maxDpd switch
        {
            <= 0 => FiveCategory.Normal,
            <= 90 => FiveCategory.SpecialMention,
            <= 270 => FiveCategory.Substandard,
            <= 360 => FiveCategory.Doubtful,
            _ => FiveCategory.Loss,
        };

        return byDpd == FiveCategory.Normal && severity >= Severity.Warning ? FiveCategory.SpecialMention : byDpd;
    }
}
