using System.Globalization;
using System.Net;
using System.Text;
using Analytics.Core.OverTime;

namespace Analytics.Pipeline.Reporting;

/// <summary>
/// The report's "Since the previous run" section (docs/METHODOLOGY.md §9): the portfolio profit bridge as a waterfall
/// and the customers whose EVA moved most, up and down, each with its main driver. Empty without a previous run.
/// </summary>
internal static class BridgeSection
{
    /// <summary>Rows in each movers table.</summary>
    public const int MoverRows = 10;

    private static readonly CultureInfo Ci = CultureInfo.InvariantCulture;

    public static string Html(ReportInput input)
    {
        var bridge = input.Bridge;
        if (bridge is null)
        {
            return "";
        }

        var html = new StringBuilder();
        var (eva0, eva1, totals) = bridge.Totals();
        html.Append("<h2 id=\"bridge\">Since the previous run: profit bridge</h2>\n");
        int fresh = 0, lost = 0;
        foreach (var p in bridge.Presence)
        {
            if (p == BridgePresence.New) fresh++;
            else if (p == BridgePresence.Lost) lost++;
        }

        html.Append(Ci, $"<p>Portfolio EVA moved from <b>{Money(eva0)}</b> to <b>{Money(eva1)}</b> ({Signed(eva1 - eva0)}); {fresh:N0} customers are new and {lost:N0} were lost since the previous run.</p>\n");
        var steps = new List<(string, double)>();
        for (int k = 0; k < totals.Length; k++)
        {
            steps.Add((BridgeResult.ComponentNames[k], totals[k]));
        }

        string svg = WaterfallChart.Render("profit-bridge", $"Portfolio EVA bridge ({input.Config.ReportingCurrency})", "EVA previous", eva0, steps, "EVA current", eva1);
        html.Append(svg.Replace("class=\"chart\"", "class=\"chart c900\"", StringComparison.Ordinal));
        if (input.BridgeNote is not null)
        {
            html.Append("<p class=\"note\">Note: ").Append(E(input.BridgeNote)).Append(".</p>\n");
        }

        var change = new double[bridge.Count];
        var fall = new double[bridge.Count];
        for (int i = 0; i < change.Length; i++)
        {
            change[i] = bridge.EvaCurrent[i] - bridge.EvaPrevious[i];
            fall[i] = -change[i];
        }

        Movers(html, bridge, change, DescendingOrder.Of(change), "Largest rises", up: true);
        Movers(html, bridge, change, DescendingOrder.Of(fall), "Largest falls", up: false);
        html.Append("<p class=\"note\">Every component is a change of annualised figures (each run's figure ÷ its own Y), scaled by this run's Y and, except capital, ")
            .Append("taken after tax at this run's tax rate. volume = balance change × previous margin and margin = current balance × margin change, per account in both runs; ")
            .Append("new_or_lost = accounts opened or closed, and the whole EVA of customers new or lost; fees, cross_sell: income changes; cost, risk: minus the changes of ")
            .Append("operating cost and expected loss; capital: minus the change of the capital charge; period_and_tax: what different period lengths and tax rates leave. ")
            .Append("The components add up to the EVA change exactly. The main driver is the largest component in absolute value; the full table is profit_bridge.</p>\n");
        return html.ToString();
    }

    private static void Movers(StringBuilder html, BridgeResult bridge, double[] change, int[] order, string title, bool up)
    {
        html.Append(Ci, $"<h3>{title}</h3>\n");
        html.Append("<table><tr><th class=\"t\">customer_id</th><th class=\"t\">status</th><th>EVA previous</th><th>EVA current</th><th>change</th><th class=\"t\">main driver</th><th>driver amount</th></tr>");
        int shown = 0;
        foreach (int i in order)
        {
            if (shown == MoverRows || (up ? change[i] <= 0 : change[i] >= 0))
            {
                break;
            }

            string driver = bridge.MainDriver(i);
            int k = Array.IndexOf(BridgeResult.ComponentNames, driver);
            double amount = k < 0 ? 0 : bridge.Components[k][i];
            html.Append(Ci, $"<tr><td class=\"t\">{E(bridge.CustomerIds[i])}</td><td class=\"t\">{BridgeResult.PresenceName(bridge.Presence[i])}</td><td>{Money(bridge.EvaPrevious[i])}</td><td>{Money(bridge.EvaCurrent[i])}</td><td{Neg(change[i])}>{Signed(change[i])}</td><td class=\"t\">{driver}</td><td{Neg(amount)}>{Signed(amount)}</td></tr>");
            shown++;
        }

        html.Append("</table>\n");
        if (shown == 0)
        {
            html.Append(up ? "<p>No customer's EVA rose.</p>\n" : "<p>No customer's EVA fell.</p>\n");
        }
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);

    private static string Neg(double value) => value < 0 ? " class=\"neg\"" : "";

    private static string Money(double value) => Math.Round(value) == 0 ? "0" : value.ToString("N0", Ci);

    private static string Signed(double value) => Math.Round(value) == 0 ? "0" : value.ToString("+#,##0;−#,##0", Ci);
}
