using Analytics.Core.Configuration;
using YamlDotNet.RepresentationModel;

namespace Analytics.IO.Configuration;

/// <summary>The money and risk sections: <c>ftp</c>, <c>costs</c>, <c>risk</c> and <c>capital</c>.</summary>
internal sealed partial class EngineConfigReader
{
    private FtpConfig ReadFtp(YamlNode node)
    {
        const string Path = "ftp";
        MappingReader m = Open(node, Path, "a mapping with curve, liquidity_premium and non_maturity_term_years", ["curve",
            "liquidity_premium", "non_maturity_term_years"]);
        var ftp = new FtpConfig();
        if (m.Optional("curve") is { } curve)
            ftp = ftp with { Curve = ReadCurve(curve) };
        if (m.Optional("liquidity_premium") is { } premium)
            ftp = ftp with { LiquidityPremium = ReadProductMap(premium, "ftp.liquidity_premium", ftp.LiquidityPremium, Bound.Any) };
        if (m.Optional("non_maturity_term_years") is { } terms)
        {
            var years = ReadProductMap(terms, "ftp.non_maturity_term_years", ftp.NonMaturityTermYears, Bound.NonNegative);
            ftp = ftp with { NonMaturityTermYears = years };
        }

        return ftp;
    }

    private List<CurvePoint> ReadCurve(YamlNode node)
    {
        const string Path = "ftp.curve";
        YamlSequenceNode list = _r.Sequence(node, Path, "a list of points such as [ {term_years: 1, rate: 0.019} ]");
        if (list.Children.Count == 0)
            throw _r.Error(Path, node, $"key '{Path}' is an empty list", "list at least one {term_years, rate} point");
        var points = new List<CurvePoint>(list.Children.Count);
        for (int i = 0; i < list.Children.Count; i++)
        {
            string itemPath = ConfigNodeReader.Item(Path, i);
            MappingReader m = Open(list.Children[i], itemPath, "a point such as {term_years: 1, rate: 0.019}", ["term_years", "rate"]);
            YamlNode termNode = m.Required("term_years", "the point's term in years");
            double term = _r.Number(termNode, itemPath + ".term_years", Bound.NonNegative);
            double rate = _r.Number(m.Required("rate", "the point's annual rate as a decimal fraction"), itemPath + ".rate", Bound.Any);
            if (i > 0 && term <= points[i - 1].TermYears)
            {
                throw _r.Error(itemPath + ".term_years", termNode,
                    $"key '{itemPath}.term_years' is {Show(term)}, not greater than the previous point's term "
                        + $"{Show(points[i - 1].TermYears)}",
                    "list the curve points in strictly increasing term order without repeats");
            }
            points.Add(new CurvePoint(term, rate));
        }
        return points;
    }

    private CostConfig ReadCosts(YamlNode node)
    {
        const string Path = "costs";
        MappingReader m = Open(node, Path, "a mapping with per_customer, per_account, per_fee_transaction and per_cross_sale_unit",
            ["per_customer", "per_account", "per_fee_transaction", "per_cross_sale_unit"]);
        var d = new CostConfig();
        return new CostConfig
        {
            PerCustomer = Number(m, "per_customer", d.PerCustomer, Bound.NonNegative),
            PerAccount = m.Optional("per_account") is { } perAccount
                ? ReadProductMap(perAccount, "costs.per_account", d.PerAccount, Bound.NonNegative)
                : d.PerAccount,
            PerFeeTransaction = Number(m, "per_fee_transaction", d.PerFeeTransaction, Bound.NonNegative),
            PerCrossSaleUnit = Number(m, "per_cross_sale_unit", d.PerCrossSaleUnit, Bound.NonNegative),
        };
    }

    private RiskConfig ReadRisk(YamlNode node)
    {
        const string Path = "risk";
        MappingReader m = Open(node, Path, "a mapping of risk parameters",
            ["pd_default", "pd_floor", "lgd_default", "ccf", "maturity_default_years", "capital_multiplier", "op_risk_alpha"]);
        var d = new RiskConfig();
        return new RiskConfig
        {
            PdDefault = Number(m, "pd_default", d.PdDefault, Bound.Unit),
            // Basel's maturity adjustment divides by 1 − 1.5·b, which reaches 0 near PD = 2.9e-6; 1e-5 keeps every PD well clear.
            PdFloor = Number(m, "pd_floor", d.PdFloor, new Bound(0.00001, true, 1, true),
                "because the IRB maturity adjustment breaks down for PD below about 3e-6"),
            LgdDefault = m.Optional("lgd_default") is { } lgd ? ReadProductMap(lgd, "risk.lgd_default", d.LgdDefault, Bound.Unit)
                : d.LgdDefault,
            Ccf = m.Optional("ccf") is { } ccf ? ReadProductMap(ccf, "risk.ccf", d.Ccf, Bound.Unit) : d.Ccf,
            MaturityDefaultYears = Number(m, "maturity_default_years", d.MaturityDefaultYears, Bound.Positive),
            CapitalMultiplier = Number(m, "capital_multiplier", d.CapitalMultiplier, Bound.NonNegative),
            OpRiskAlpha = Number(m, "op_risk_alpha", d.OpRiskAlpha, Bound.Unit),
        };
    }

    private CapitalConfig ReadCapital(YamlNode node)
    {
        MappingReader m = Open(node, "capital", "a mapping with hurdle_rate and tax_rate", ["hurdle_rate", "tax_rate"]);
        var d = new CapitalConfig();
        return new CapitalConfig
        {
            HurdleRate = Number(m, "hurdle_rate", d.HurdleRate, Bound.Unit),
            TaxRate = Number(m, "tax_rate", d.TaxRate, Bound.UnitExcludingOne),
        };
    }

    // The loan rate floor of docs/METHODOLOGY.md §4 divides by (1 − t) − h·α; at or below zero no lending rate reaches EVA = 0.
    private void CheckFloorDenominator(CapitalConfig capital, RiskConfig risk)
    {
        double denominator = (1 - capital.TaxRate) - capital.HurdleRate * risk.OpRiskAlpha;
        if (denominator > 0)
            return;
        throw _r.Error("capital.hurdle_rate", null,
            $"key 'capital.hurdle_rate' ({Show(capital.HurdleRate)}) times risk.op_risk_alpha ({Show(risk.OpRiskAlpha)}) must be below 1 "
                + $"− capital.tax_rate ({Show(1 - capital.TaxRate)}), otherwise no loan rate can earn EVA of zero",
            "lower the hurdle rate, the operational risk alpha or the tax rate");
    }
}
