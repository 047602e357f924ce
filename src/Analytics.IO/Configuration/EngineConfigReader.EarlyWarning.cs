using Analytics.Core.Configuration;
using YamlDotNet.RepresentationModel;

namespace Analytics.IO.Configuration;

/// <summary>The <c>early_warning</c> section.</summary>
internal sealed partial class EngineConfigReader
{
    // Table-driven: every key, its bound and its property come from EarlyWarningConfig.Settings, read in that order.
    private EarlyWarningConfig ReadEarlyWarning(YamlNode node)
    {
        const string Path = "early_warning";
        IReadOnlyList<EarlyWarningSetting> settings = EarlyWarningConfig.Settings;
        var keys = new string[settings.Count];
        for (int i = 0; i < keys.Length; i++)
            keys[i] = settings[i].Key;
        MappingReader m = Open(node, Path, "a mapping of early-warning thresholds", keys);
        var ew = new EarlyWarningConfig();
        foreach (EarlyWarningSetting setting in settings)
        {
            if (m.Optional(setting.Key) is not { } value)
                continue;
            string key = ConfigNodeReader.Child(Path, setting.Key);
            var bound = new Bound(setting.Min, setting.MinInclusive, setting.Max, setting.MaxInclusive);
            double read = setting.WholeNumber
                ? _r.Integer(value, key, bound, setting.BoundReason)
                : _r.Number(value, key, bound, setting.BoundReason);
            ew = setting.With(ew, read);
        }
        if (ew.AltmanDistress > ew.AltmanGrey)
        {
            throw _r.Error("early_warning.altman_distress", null,
                $"key 'early_warning.altman_distress' is {Show(ew.AltmanDistress)}, above early_warning.altman_grey {Show(ew.AltmanGrey)}",
                "set altman_distress at or below altman_grey, since the grey zone lies between them");
        }
        return ew;
    }
}
