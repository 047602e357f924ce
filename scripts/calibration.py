#!/usr/bin/env python3
"""Prints the five calibration measures of a generated book (docs/DATA.md "Calibration").

Usage:
  scripts/calibration.py RUN_DIR
      RUN_DIR is the output folder of `analytics score ... --format csv`.
  scripts/calibration.py --input DIR --config FILE [--analytics CMD]
      scores DIR with FILE into a temporary folder first (CMD defaults to
      `dotnet run --project src/Analytics.Cli -c Release --`).

Measures, from customer_profitability.csv and manifest.json (figures of docs/METHODOLOGY.md §3):
  cost-to-income     = sum(operating_cost) / sum(revenue)
  portfolio RAROC    = (sum(nopat) / Y) / sum(capital), Y = the period's year fraction
  EVA-negative       = customers with eva < 0 / customers
  fee share          = sum(fee_income) / sum(revenue)
  RAROC in -50..100% = customers with -0.5 <= raroc <= 1.0 / customers with a RAROC (capital > 0)
Only the Python standard library is used.
"""
import csv
import json
import os
import shlex
import statistics
import subprocess
import sys
import tempfile

TARGETS = {
    "cost_to_income": (0.25, 0.45),
    "portfolio_raroc": (0.08, 0.25),
    "eva_negative_share": (0.10, 0.30),
    "fee_share": (0.15, 0.30),
    "raroc_in_band_share": (0.50, 1.0),
}


def measures(run_dir):
    with open(os.path.join(run_dir, "manifest.json"), encoding="utf-8") as f:
        year_fraction = json.load(f)["period"]["year_fraction"]
    rows = []
    with open(os.path.join(run_dir, "customer_profitability.csv"), encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))

    def total(column):
        return sum(float(r[column]) for r in rows if r[column] != "")

    revenue = total("revenue")
    rarocs = [float(r["raroc"]) for r in rows if r["raroc"] != ""]
    result = {
        "customers": len(rows),
        "cost_to_income": total("operating_cost") / revenue,
        "portfolio_raroc": total("nopat") / year_fraction / total("capital"),
        "eva_negative_share": sum(1 for r in rows if float(r["eva"]) < 0) / len(rows),
        "fee_share": total("fee_income") / revenue,
        "raroc_in_band_share": sum(1 for x in rarocs if -0.5 <= x <= 1.0) / len(rarocs),
        "raroc_median": statistics.median(rarocs),
        "raroc_mean": statistics.fmean(rarocs),
        "raroc_above_400pct": sum(1 for x in rarocs if x > 4.0),
        "raroc_null": len(rows) - len(rarocs),
        "expected_loss_to_revenue": total("expected_loss") / revenue,
    }
    return result


def main(argv):
    if len(argv) == 1 and not argv[0].startswith("-"):
        run_dir = argv[0]
    else:
        args = dict(zip(argv[::2], argv[1::2]))
        if "--input" not in args or "--config" not in args:
            sys.exit(__doc__)
        command = shlex.split(args.get("--analytics", "dotnet run --project src/Analytics.Cli -c Release --"))
        run_dir = os.path.join(tempfile.mkdtemp(prefix="calibration-"), "out")
        subprocess.run(command + ["score", "--input", args["--input"], "--config", args["--config"], "--output", run_dir,
                                  "--format", "csv", "--quiet"], check=True)
    m = measures(run_dir)
    print(f"customers                  {m['customers']}")
    for key, label in [("cost_to_income", "cost-to-income"), ("portfolio_raroc", "portfolio RAROC"),
                       ("eva_negative_share", "EVA-negative customers"), ("fee_share", "fee share of revenue"),
                       ("raroc_in_band_share", "RAROC in -50 %..+100 %")]:
        low, high = TARGETS[key]
        ok = "ok" if low <= m[key] <= high else "OUT"
        print(f"{label:<26} {m[key] * 100:6.1f} %   target {low * 100:.0f}..{high * 100:.0f} %   {ok}")
    print(f"median customer RAROC      {m['raroc_median'] * 100:6.1f} %")
    print(f"mean customer RAROC        {m['raroc_mean'] * 100:6.1f} %")
    print(f"customers RAROC > 400 %    {m['raroc_above_400pct']}")
    print(f"customers without capital  {m['raroc_null']}")
    print(f"expected loss / revenue    {m['expected_loss_to_revenue'] * 100:6.1f} %")


if __name__ == "__main__":
    main(sys.argv[1:])
