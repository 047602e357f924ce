using System.Text;
using Xunit.Abstractions;

namespace Analytics.Tests.Reliability;

/// <summary>
/// The bad-input corpus (issue 6): each case spoils one thing of a valid run and asserts the exact exit code, the
/// one-sentence error (file, row, column and reason where they apply), that no stack trace is printed, and that
/// nothing was published; or, for inputs the input rules accept (docs/METHODOLOGY.md §1), that the run succeeds with exactly the
/// expected rejects.
/// </summary>
[Trait("Speed", "Slow")]
public sealed class BadInputCorpusTests(ITestOutputHelper log)
{
    private const string FeesHeader = "customer_id,fee_type,amount,currency,booking_date";

    public static TheoryData<string> CaseNames => new(Cases.Keys);

    [Theory]
    [MemberData(nameof(CaseNames))]
    public async Task Case(string name)
    {
        var c = Cases[name];
        using var tmp = new TempDir();
        var paths = new RunPaths(tmp.Path);
        await c.Inputs.WriteAsync(paths.Data, c.Format);
        await File.WriteAllTextAsync(paths.Config, c.Config);
        if (c.AfterWrite is not null)
        {
            await c.AfterWrite(paths);
        }

        var result = await CliResult.RunAsync(c.Args(paths));
        log.WriteLine(result.ToString());

        Assert.True(c.ExitCode == result.ExitCode, $"{name}: expected exit {c.ExitCode}\n{result}");
        Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", result.Stderr, StringComparison.Ordinal);
        if (c.ExitCode == 0)
        {
            Assert.True(result.Stderr.Length == 0, $"{name}: a quiet successful run printed to stderr\n{result}");
        }
        else
        {
            // One plain sentence: a single line, starting upper-case or with a quoted name, ending with a full stop.
            var line = Assert.Single(result.StderrLines);
            Assert.EndsWith(".", line, StringComparison.Ordinal);
            int at = 0;
            foreach (var part in c.Stderr)
            {
                int found = line.IndexOf(part, at, StringComparison.Ordinal);
                Assert.True(found >= 0, $"{name}: stderr lacks '{part}' (after position {at}):\n{line}");
                at = found + part.Length;
            }

            if (c.Verify is null)
            {
                paths.AssertNothingPublished();
            }
        }

        c.Verify?.Invoke(paths, result);
    }

    [Fact]
    public void CorpusHasAtLeastThirtyCases() => Assert.True(Cases.Count >= 30, $"{Cases.Count} cases");

    private static readonly Dictionary<string, BadInputCase> Cases = Build();

    private static Dictionary<string, BadInputCase> Build()
    {
        var list = new List<BadInputCase>();

        // ---- unreadable Parquet ----
        list.Add(Fail("parquet_truncated", 1,
            ["'fees.parquet' is not a readable Parquet file (no Parquet footer: the file is truncated or is not Parquet); re-export it."],
            c =>
        {
            c.Format = InputFormat.Parquet;
            c.AfterWrite = p =>
            {
                string f = Path.Combine(p.Data, "fees.parquet");
                var bytes = File.ReadAllBytes(f);
                File.WriteAllBytes(f, bytes[..(bytes.Length / 2)]);
                return Task.CompletedTask;
            };
        }));
        list.Add(Fail("parquet_random_bytes", 1,
            ["'accounts.parquet' is not a readable Parquet file (no Parquet footer: the file is truncated or is not "
            + "Parquet); re-export it."], c =>
        {
            c.Format = InputFormat.Parquet;
            c.AfterWrite = p =>
            {
                var bytes = new byte[4096];
                new Random(42).NextBytes(bytes);
                File.WriteAllBytes(Path.Combine(p.Data, "accounts.parquet"), bytes);
                return Task.CompletedTask;
            };
        }));
        list.Add(Fail("parquet_too_short", 1,
            ["'customers.parquet' is not a readable Parquet file (the file is too short to hold a Parquet footer); re-export it."], c =>
        {
            c.Format = InputFormat.Parquet;
            c.AfterWrite = p =>
            {
                File.WriteAllBytes(Path.Combine(p.Data, "customers.parquet"), "PAR1"u8.ToArray());
                return Task.CompletedTask;
            };
        }));
        list.Add(Fail("parquet_corrupt_pages", 1, ["'fees.parquet' is not a readable Parquet file ("], c =>
        {
            // Header and footer intact, column chunks overwritten: the footer parses, the pages do not.
            c.Format = InputFormat.Parquet;
            c.AfterWrite = p =>
            {
                string f = Path.Combine(p.Data, "fees.parquet");
                var bytes = File.ReadAllBytes(f);
                var noise = new byte[bytes.Length / 2];
                new Random(7).NextBytes(noise);
                noise.CopyTo(bytes, 4);
                File.WriteAllBytes(f, bytes);
                return Task.CompletedTask;
            };
        }));
        list.Add(Fail("parquet_wrong_type_string_for_average_balance", 1,
            ["'accounts.parquet': column 'average_balance' has type STRING; expected a number (DOUBLE, FLOAT, INT32, INT64 or DECIMAL). "
                + "Change the column's type in the export."], c =>
            {
                c.Format = InputFormat.Parquet;
                c.AfterWrite = p => ParquetTestFiles.WriteFromCsvAsync(Path.Combine(p.Data, "accounts.parquet"), "accounts",
                    c.Inputs["accounts"], "average_balance");
            }));
        list.Add(Fail("parquet_wrong_type_string_for_booking_date", 1,
            ["'fees.parquet': column 'booking_date' has type STRING; expected a date (DATE or TIMESTAMP)."], c =>
            {
                c.Format = InputFormat.Parquet;
                c.AfterWrite = p => ParquetTestFiles.WriteFromCsvAsync(Path.Combine(p.Data, "fees.parquet"), "fees", c.Inputs["fees"],
                    "booking_date");
            }));
        list.Add(Fail("parquet_missing_column", 1,
            ["'accounts.parquet': required column 'end_balance' is missing; expected a number (DOUBLE, FLOAT, INT32, INT64 or DECIMAL). "
                + "Add the column or fix its name."], c =>
            {
                c.Format = InputFormat.Parquet;
                c.Inputs.MapRecords("accounts", (_, h, f) => f.Where((_, i) => h[i] != "end_balance").ToArray());
                c.Inputs.Mutate("accounts", t => t.Replace("average_balance,end_balance,", "average_balance,", StringComparison.Ordinal));
            }));

        // ---- CSV dialects the input rules accept (docs/METHODOLOGY.md §1) ----
        list.Add(Accept("csv_utf8_bom", c => c.AfterWrite = p =>
        {
            foreach (var f in Directory.GetFiles(p.Data, "*.csv"))
            {
                File.WriteAllBytes(f, [0xEF, 0xBB, 0xBF, .. File.ReadAllBytes(f)]);
            }

            return Task.CompletedTask;
        }, (p, _) =>
        {
            Assert.Empty(OutputFiles.Rejects(p.Output));
            Assert.Equal(5, OutputFiles.CsvRows(p.Output, "customer_profitability").Length);
            Assert.StartsWith("C001,", OutputFiles.CsvRows(p.Output, "customer_profitability")[0], StringComparison.Ordinal);
        }));
        list.Add(Accept("csv_crlf_line_ends", c => c.AfterWrite = p =>
        {
            foreach (var f in Directory.GetFiles(p.Data, "*.csv"))
            {
                File.WriteAllText(f, File.ReadAllText(f).Replace("\n", "\r\n", StringComparison.Ordinal));
            }

            return Task.CompletedTask;
        }, (p, _) =>
        {
            Assert.Empty(OutputFiles.Rejects(p.Output));
            // The last column must not carry a stray '\r': C004's rating is empty, so it reads as UNKNOWN.
            Assert.EndsWith(",retail,west,RM03,UNKNOWN", OutputFiles.CsvRows(p.Output, "customer_profitability")[3],
                StringComparison.Ordinal);
        }));
        list.Add(Accept("csv_quoted_commas_quotes_newlines", c =>
        {
            c.Config = TestInputs.ConfigWithRejectRate(0.5);
            c.Inputs.SetCell("customers", 1, "customer_name", "Alpha, \"Manufacturing\"\nLtd");
            c.Inputs.SetCell("customers", 2, "industry", "trade,\r\nwholesale");
            c.Inputs.SetCell("customers", 3, "pd", "abc"); // proves a multi-line record counts as one row
            c.Inputs.SetColumn("fees", "fee_type", (_, v) => v == "fx" ? "fx, spot" : v);
        }, (p, _) =>
        {
            Assert.Equal(["customers,customers.csv,3,pd,unparsable", "accounts,accounts.csv,5,customer_id,unknown_customer",
                "accounts,accounts.csv,6,customer_id,unknown_customer"],
                OutputFiles.Rejects(p.Output).Where(r => !r.StartsWith("fees,", StringComparison.Ordinal) && !r.StartsWith("cross_sales,",
                    StringComparison.Ordinal) && !r.StartsWith("financials,", StringComparison.Ordinal)));
            Assert.Contains("C002,", OutputFiles.CsvRows(p.Output, "customer_profitability")[1], StringComparison.Ordinal);
            Assert.Contains("\"trade,\r\nwholesale\"", File.ReadAllText(Path.Combine(p.Output, "customer_profitability.csv")),
                StringComparison.Ordinal);
        }));
        list.Add(Accept("csv_extra_columns_ignored", c =>
        {
            c.Inputs.Mutate("accounts", t => string.Join('\n', t.Split('\n').Select((l, i) => l.Length == 0 ? l : l + (i == 0 ? ",notes"
                : ",free text"))));
        }, (p, _) => Assert.Empty(OutputFiles.Rejects(p.Output))));
        list.Add(Accept("fees_header_only_csv", c => c.Inputs.HeaderOnly("fees"), (p, _) => AssertNoFeeIncome(p)));
        list.Add(Accept("fees_header_only_parquet", c =>
        {
            c.Format = InputFormat.Parquet;
            c.Inputs.HeaderOnly("fees");
        }, (p, _) => AssertNoFeeIncome(p)));
        list.Add(Accept("spark_part_folder_with_markers", c => c.AfterWrite = async p =>
        {
            File.Delete(Path.Combine(p.Data, "fees.csv"));
            var lines = c.Inputs["fees"].TrimEnd('\n').Split('\n');
            Directory.CreateDirectory(Path.Combine(p.Data, "fees"));
            await File.WriteAllTextAsync(Path.Combine(p.Data, "fees", "part-00000.csv"), string.Join('\n', lines[..101]) + "\n");
            await File.WriteAllTextAsync(Path.Combine(p.Data, "fees", "part-00001.csv"), string.Join('\n', [lines[0], .. lines[101..]])
                + "\n");
            await File.WriteAllTextAsync(Path.Combine(p.Data, "fees", "_SUCCESS"), "");
            await File.WriteAllTextAsync(Path.Combine(p.Data, "fees", ".part-00000.csv.crc"), "crc");
        }, (p, _) => Assert.Empty(OutputFiles.Rejects(p.Output))));

        // ---- headers and delimiters ----
        list.Add(Fail("csv_semicolon_delimiter", 1,
            ["'customers.csv': required column 'customer_id' is missing; expected text. Add the column or fix its name. The header looks "
                + "semicolon-separated; CSV input must be comma-separated."],
            c => c.Inputs.Mutate("customers", t => t.Replace(',', ';'))));
        list.Add(Fail("csv_missing_column", 1,
            ["'accounts.csv': required column 'end_balance' is missing; expected a number (such as -1234.56). Add the column "
                + "or fix its name."],
            c => c.Inputs.MapRecords("accounts", (_, h, f) => f.Where((_, i) => h[i] != "end_balance").ToArray())
                .Mutate("accounts", t => t.Replace("average_balance,end_balance,", "average_balance,", StringComparison.Ordinal))));
        list.Add(Fail("csv_misspelled_column", 1,
            ["'fees.csv': required column 'amount' is missing; expected a number (such as -1234.56)."],
            c => c.Inputs.Mutate("fees", t => t.Replace(FeesHeader, "customer_id,fee_type,ammount,currency,booking_date",
                StringComparison.Ordinal))));
        list.Add(Fail("csv_duplicate_header", 1,
            ["'fees.csv': the header names column 'amount' more than once; keep one of them."],
            c => c.Inputs.Mutate("fees", t => t.Replace(FeesHeader, "customer_id,fee_type,amount,amount,booking_date",
                StringComparison.Ordinal))));
        list.Add(Fail("csv_zero_byte_customers", 1,
            ["'customers.csv' is empty: it has no header row; write the column names on the first line."],
            c => c.Inputs.Set("customers", "")));

        // ---- quoting and encoding ----
        list.Add(Fail("csv_unterminated_quote", 1,
            ["'accounts.csv' has an unterminated quoted field starting at row 3; fix the quoting."],
            c => c.Inputs.MapLine("accounts", 3, l => "\"" + l)));
        list.Add(Fail("csv_text_after_closing_quote", 1,
            ["'accounts.csv' has a malformed quoted field at row 3 (text after a closing quote); fix the quoting."],
            c => c.Inputs.MapLine("accounts", 3, l => "\"A003\"x" + l[4..])));
        list.Add(Fail("csv_invalid_utf8", 1,
            ["'fees.csv' is not valid UTF-8 (the first invalid bytes are on line 21); re-export it as UTF-8."], c => c.AfterWrite = p =>
        {
            string f = Path.Combine(p.Data, "fees.csv");
            var bytes = File.ReadAllBytes(f).ToList();
            int line20 = Encoding.UTF8.GetByteCount(string.Join('\n', c.Inputs["fees"].Split('\n')[..20]) + "\n");
            bytes.InsertRange(line20, new byte[] { 0xC3, 0x28 });
            File.WriteAllBytes(f, [.. bytes]);
            return Task.CompletedTask;
        }));

        // ---- row rules: few rejects are accepted and logged, many fail the run ----
        list.Add(Accept("nan_amount_one_fee", c => c.Inputs.SetCell("fees", 5, "amount", "NaN"),
            (p, _) => Assert.Equal(["fees,fees.csv,5,amount,not_finite"], OutputFiles.Rejects(p.Output))));
        list.Add(Fail("infinity_amount_many_fees", 1,
            ["Table 'fees' rejected 20 of 200 rows (10.00 %), above run.max_reject_rate 1.00 %; see the rejects listed by 'analytics "
                + "validate', fix the data and rerun."],
            c => c.Inputs.SetColumn("fees", "amount", (r, v) => r % 10 == 0 ? "Infinity" : v)));
        list.Add(Accept("parquet_nan_average_balance", c =>
        {
            c.Format = InputFormat.Parquet;
            c.Config = TestInputs.ConfigWithRejectRate(0.5);
            c.Inputs.SetCell("accounts", 2, "average_balance", "NaN");
        }, (p, _) => Assert.Equal(["accounts,accounts.parquet,2,average_balance,not_finite"], OutputFiles.Rejects(p.Output))));
        list.Add(Accept("parquet_negative_infinity_fee", c =>
        {
            c.Format = InputFormat.Parquet;
            c.Inputs.SetCell("fees", 11, "amount", "-Infinity");
        }, (p, _) => Assert.Equal(["fees,fees.parquet,11,amount,not_finite"], OutputFiles.Rejects(p.Output))));
        list.Add(Accept("date_before_1900", c => c.Inputs.SetCell("fees", 7, "booking_date", "1899-12-31"),
            (p, _) => Assert.Equal(["fees,fees.csv,7,booking_date,date_out_of_range"], OutputFiles.Rejects(p.Output))));
        list.Add(Accept("parquet_date_after_2100", c =>
        {
            c.Format = InputFormat.Parquet;
            c.Config = TestInputs.ConfigWithRejectRate(0.5);
            c.Inputs.SetCell("accounts", 8, "maturity_date", "2101-01-01");
        }, (p, _) => Assert.Equal(["accounts,accounts.parquet,8,maturity_date,date_out_of_range"], OutputFiles.Rejects(p.Output))));
        list.Add(Accept("date_not_iso", c => c.Inputs.SetCell("fees", 15, "booking_date", "31/10/2026"),
            (p, _) => Assert.Equal(["fees,fees.csv,15,booking_date,unparsable"], OutputFiles.Rejects(p.Output))));
        list.Add(Accept("decimal_comma_shifts_fields", c => c.Inputs.MapLine("fees", 12, l => l.Replace("407.75", "407,75",
            StringComparison.Ordinal)),
            (p, _) => Assert.Equal(["fees,fees.csv,12,,wrong_field_count"], OutputFiles.Rejects(p.Output))));
        list.Add(Accept("csv_short_row", c => c.Inputs.MapLine("fees", 10, l => l[..l.LastIndexOf(',')]),
            (p, _) => Assert.Equal(["fees,fees.csv,10,,wrong_field_count"], OutputFiles.Rejects(p.Output))));
        list.Add(Accept("unknown_currency_in_fee", c => c.Inputs.SetCell("fees", 3, "currency", "XYZ"),
            (p, _) => Assert.Equal(["fees,fees.csv,3,currency,unknown_currency"], OutputFiles.Rejects(p.Output))));
        list.Add(Fail("unknown_currency_in_account", 1,
            ["Table 'accounts' rejected 1 of 9 rows (11.11 %), above run.max_reject_rate 1.00 %"],
            c => c.Inputs.SetCell("accounts", 3, "currency", "XYZ")));
        list.Add(Accept("unknown_product_type", c =>
        {
            c.Config = TestInputs.ConfigWithRejectRate(0.5);
            c.Inputs.SetCell("accounts", 1, "product_type", "Loan");
        }, (p, _) => Assert.Equal(["accounts,accounts.csv,1,product_type,unknown_product_type"], OutputFiles.Rejects(p.Output))));
        list.Add(Accept("negative_balance", c =>
        {
            c.Config = TestInputs.ConfigWithRejectRate(0.5);
            c.Inputs.SetCell("accounts", 7, "average_balance", "-5");
        }, (p, _) => Assert.Equal(["accounts,accounts.csv,7,average_balance,negative_value"], OutputFiles.Rejects(p.Output))));
        list.Add(Accept("pd_out_of_range_rejects_customer_and_its_rows", c =>
        {
            c.Config = TestInputs.ConfigWithRejectRate(0.5);
            c.Inputs.SetCell("customers", 4, "pd", "1.5");
        }, (p, _) =>
        {
            var rejects = OutputFiles.Rejects(p.Output);
            Assert.Equal(["customers,customers.csv,4,pd,out_of_range", "accounts,accounts.csv,7,customer_id,unknown_customer"],
                rejects[..2]);
            Assert.Equal(new Dictionary<string, int>
            {
                ["accounts:unknown_customer"] = 1, ["customers:out_of_range"] = 1, ["fees:unknown_customer"] = 40,
            }, OutputFiles.RejectCounts(rejects));
            Assert.DoesNotContain(OutputFiles.CsvRows(p.Output, "customer_profitability"), r =>
                r.StartsWith("C004,", StringComparison.Ordinal));
        }));
        list.Add(Accept("duplicate_customer_rejects_every_carrier", c =>
        {
            c.Config = TestInputs.ConfigWithRejectRate(0.5);
            c.Inputs.AppendLines("customers", "C002,Beta Again,trade,north,RM02,BBB,0.012,");
        }, (p, _) =>
        {
            var rejects = OutputFiles.Rejects(p.Output);
            Assert.Equal(["customers,customers.csv,2,customer_id,duplicate_key", "customers,customers.csv,6,customer_id,duplicate_key",
                "accounts,accounts.csv,3,customer_id,unknown_customer", "accounts,accounts.csv,4,customer_id,unknown_customer"],
                    rejects[..4]);
            Assert.Equal(new Dictionary<string, int>
            {
                ["accounts:unknown_customer"] = 2, ["cross_sales:unknown_customer"] = 1, ["customers:duplicate_key"] = 2,
                ["fees:unknown_customer"] = 40, ["financials:unknown_customer"] = 1,
            }, OutputFiles.RejectCounts(rejects));
        }));
        list.Add(Accept("duplicate_account_rejects_every_carrier", c =>
        {
            c.Config = TestInputs.ConfigWithRejectRate(0.5);
            // The second A003 is otherwise valid and belongs to another customer: still ambiguous, both go.
            c.Inputs.AppendLines("accounts", "A003,C001,loan,CNY,1000,1000,,0.05,,2025-01-01,,,,,,");
        }, (p, _) => Assert.Equal(["accounts,accounts.csv,3,account_id,duplicate_key", "accounts,accounts.csv,10,account_id,duplicate_key"],
            OutputFiles.Rejects(p.Output))));

        // ---- gates ----
        // Checked before the reject rates: otherwise the accounts table (all unknown customers) would take the blame.
        list.Add(Fail("customers_header_only", 1,
            ["No customer was accepted (0 rows read from the customers table, 0 rejected); check the customers table (see 'analytics "
                + "validate') and rerun."],
            c => c.Inputs.HeaderOnly("customers")));
        list.Add(Fail("every_table_header_only", 1,
            ["No customer was accepted (0 rows read from the customers table, 0 rejected); check the customers table (see 'analytics "
                + "validate') and rerun."],
            c =>
            {
                foreach (var t in c.Inputs.Tables.Keys.ToArray()) c.Inputs.HeaderOnly(t);
            }));
        list.Add(Fail("every_customer_rejected", 1,
            ["No customer was accepted (5 rows read from the customers table, 5 rejected)"],
            c => c.Inputs.SetColumn("customers", "pd", (_, _) => "high")));
        list.Add(Fail("orphan_fees_100_percent", 1,
            ["Table 'fees' rejected 200 of 200 rows (100.00 %), above run.max_reject_rate 1.00 %"],
            c => c.Inputs.SetColumn("fees", "customer_id", (_, _) => "C999")));
        list.Add(Fail("missing_customers_table", 1,
            ["Required table 'customers' is missing from the input folder; add customers.parquet, customers.csv or a folder customers/ "
                + "of part files."],
            c => c.Inputs.Remove("customers")));
        list.Add(Fail("missing_accounts_table", 1, ["Required table 'accounts' is missing from the input folder"], c =>
            c.Inputs.Remove("accounts")));
        list.Add(Fail("ambiguous_fees_csv_and_folder", 1,
            ["Table 'fees' is ambiguous: both 'fees.csv' and 'fees/' exist in the input folder; keep one of them."],
            c => c.AfterWrite = p =>
            {
                Directory.CreateDirectory(Path.Combine(p.Data, "fees"));
                File.Copy(Path.Combine(p.Data, "fees.csv"), Path.Combine(p.Data, "fees", "part-0.csv"));
                return Task.CompletedTask;
            }));
        list.Add(Fail("unknown_part_file", 1,
            ["'fees/part-1.csv.gz' in 'fees/' is neither a .parquet nor a .csv file; remove it, convert it, or rename it to start with "
                + "'_' to ignore it."],
            c => c.AfterWrite = p =>
            {
                Directory.CreateDirectory(Path.Combine(p.Data, "fees"));
                File.Move(Path.Combine(p.Data, "fees.csv"), Path.Combine(p.Data, "fees", "part-0.csv"));
                File.WriteAllBytes(Path.Combine(p.Data, "fees", "part-1.csv.gz"), [0x1F, 0x8B]);
                return Task.CompletedTask;
            }));
        list.Add(Fail("amount_overflows_exact_sum", 1,
            ["Table 'fees' holds an amount too large to convert and sum exactly (over 6e23 in the reporting currency); check the "
                + "input magnitudes."],
            c => c.Inputs.SetCell("fees", 4, "amount", "1e300")));

        // ---- configuration (exit 2, before any data is read) ----
        list.Add(Fail("config_unknown_key", 2, ["unknown key 'costs.per_custmer'"], c =>
            c.Config = TestInputs.ConfigWith("per_customer: 500", "per_custmer: 500")));
        list.Add(Fail("config_negative_cost", 2, ["'costs.per_customer'"], c =>
            c.Config = TestInputs.ConfigWith("per_customer: 500", "per_customer: -1")));
        list.Add(Fail("config_negative_hurdle_rate", 2, ["'capital.hurdle_rate'"], c =>
            c.Config = TestInputs.ConfigWith("hurdle_rate: 0.12", "hurdle_rate: -0.12")));
        list.Add(Fail("config_bad_currency_code", 2, ["'fx_rates.eur'", "'eur'"], c =>
            c.Config = TestInputs.ConfigWith("EUR: 7.70", "eur: 7.70")));
        list.Add(Fail("config_bad_reporting_currency", 2, ["'reporting_currency'", "'yuan'"], c =>
            c.Config = TestInputs.ConfigWith("reporting_currency: CNY", "reporting_currency: yuan")));
        list.Add(Fail("config_unsorted_curve", 2, ["'ftp.curve"], c => c.Config = TestInputs.ConfigWith(
            "{term_years: 0.25, rate: 0.0165}, {term_years: 1, rate: 0.0190}",
                "{term_years: 1, rate: 0.0190}, {term_years: 0.25, rate: 0.0165}")));
        list.Add(Fail("config_tier_shares_not_increasing", 2, ["'segmentation.tiers"], c =>
            c.Config = TestInputs.ConfigWith("{name: core, top_share: 0.20}", "{name: core, top_share: 0.01}")));
        list.Add(Fail("config_score_weights_all_zero", 2, ["'score.weights"], c => c.Config = TestInputs.ConfigWith(
            "{ eva: 0.6, revenue: 0.2, products_held: 0.1, deposit_balance: 0.1 }",
                "{ eva: 0, revenue: 0, products_held: 0, deposit_balance: 0 }")));
        list.Add(Fail("config_missing_grid_cell", 2, ["'pricing.grid.basic.high'"], c => c.Config = TestInputs.ConfigWith(
            "      high:   { loan_spread_bps: 50,  deposit_rate_bps: 0,  fee_discount: 0 }\n", "")));
        list.Add(Fail("config_not_yaml", 2, ["config.yaml: the file is not valid YAML at line 2, column 14"], c =>
            c.Config = "as_of: 2026-10-31\nperiod: start: 2026-10-01\n"));
        // YamlDotNet throws InvalidOperationException, not YamlException, for this one; it used to exit 1 as an internal error.
        list.Add(Fail("config_unclosed_bracket_at_end", 2,
            ["config.yaml: the file is not valid YAML (the parser stopped without naming a position, which usually means an unclosed "
            + "'[', '{' or quote); fix the syntax."],
            c => c.Config = "as_of: [2026-10-31\nperiod: {\n"));
        list.Add(Fail("config_error_wins_over_corrupt_data", 2, ["unknown key 'costs.per_custmer'"], c =>
        {
            c.Config = TestInputs.ConfigWith("per_customer: 500", "per_custmer: 500");
            c.Inputs.Mutate("accounts", t => "\"" + t);
        }));
        list.Add(Fail("config_file_missing", 2, ["The --config file '", "nope.yaml' does not exist; check the path."], c =>
            c.Args = p => ["score", "--input", p.Data, "--config", Path.Combine(p.Root, "nope.yaml"), "--output", p.Output, "--quiet"]));

        // ---- command line (exit 2) ----
        list.Add(Fail("cli_unknown_flag", 2,
            ["Unknown option '--frobnicate' for 'analytics score'; run 'analytics score --help' for usage."], c =>
            c.Args = p => p.ScoreArgs("--quiet", "--frobnicate")));
        list.Add(Fail("cli_negative_threads", 2, ["--threads must be 0 (all cores) or a positive number."], c => c.Args = p =>
            p.ScoreArgs("--quiet", "--threads", "-1")));
        list.Add(Fail("cli_unknown_format", 2,
            ["Argument 'xml' not recognized. Must be one of: 'parquet', 'csv'; run 'analytics score --help' for usage."], c => c.Args = p =>
            p.ScoreArgs("--quiet", "--format", "xml")));
        list.Add(Fail("cli_missing_output", 2, ["'--output'"], c => c.Args = p =>
            ["score", "--input", p.Data, "--config", p.Config, "--quiet"]));
        list.Add(Fail("input_folder_missing", 2, ["The --input folder '", "no-such-folder' does not exist; check the path."], c =>
            c.Args = p => ["score", "--input", Path.Combine(p.Root, "no-such-folder"), "--config", p.Config, "--output", p.Output,
                "--quiet"]));
        list.Add(Fail("output_parent_is_a_file", 2, ["Cannot write beside the output path '",
            "blocker/out' (a part of the path is missing or is a file); choose a writable --output folder."], c =>
        {
            c.AfterWrite = p =>
            {
                File.WriteAllText(Path.Combine(p.Root, "blocker"), "not a folder");
                return Task.CompletedTask;
            };
            c.Args = p => ["score", "--input", p.Data, "--config", p.Config, "--output", Path.Combine(p.Root, "blocker", "out"), "--quiet"];
            c.Verify = (p, _) =>
            {
                Assert.Equal("not a folder", File.ReadAllText(Path.Combine(p.Root, "blocker")));
                Assert.False(Path.Exists(p.Output));
            };
        }));
        list.Add(Fail("output_is_a_foreign_folder", 2, ["The output folder '",
            "' already holds files that are not an engine run; choose another --output or empty it."], c =>
        {
            c.AfterWrite = p =>
            {
                Directory.CreateDirectory(p.Output);
                File.WriteAllText(Path.Combine(p.Output, "thesis.docx"), "precious");
                return Task.CompletedTask;
            };
            c.Verify = (p, _) =>
            {
                Assert.Equal(["thesis.docx"], Directory.GetFileSystemEntries(p.Output).Select(Path.GetFileName));
                Assert.Equal("precious", File.ReadAllText(Path.Combine(p.Output, "thesis.docx")));
                Assert.False(Directory.Exists(p.Runs));
            };
        }));

        // ---- the other commands fail the same way ----
        list.Add(Fail("validate_missing_column", 1, ["'fees.csv': required column 'amount' is missing"], c =>
        {
            c.Inputs.Mutate("fees", t => t.Replace(FeesHeader, "customer_id,fee_type,ammount,currency,booking_date",
                StringComparison.Ordinal));
            c.Args = p => ["validate", "--input", p.Data, "--config", p.Config];
        }));
        // validate used to let the loader's OverflowException escape as an internal error.
        list.Add(Fail("validate_amount_overflow", 1,
            ["Table 'accounts' holds an amount too large to convert and sum exactly (over 6e23 in the reporting currency); check the "
                + "input magnitudes."], c =>
            {
                c.Inputs.SetCell("accounts", 1, "average_balance", "1e30");
                c.Args = p => ["validate", "--input", p.Data, "--config", p.Config];
            }));
        list.Add(Fail("explain_unknown_customer", 2, ["Customer 'C999' is not in the customers table; check the id."], c =>
            c.Args = p => ["explain", "C999", "--input", p.Data, "--config", p.Config]));

        return list.ToDictionary(c => c.Name, StringComparer.Ordinal);
    }

    private static void AssertNoFeeIncome(RunPaths p)
    {
        Assert.Empty(OutputFiles.Rejects(p.Output));
        var rows = OutputFiles.CsvRows(p.Output, "customer_profitability");
        Assert.Equal(5, rows.Length);
        Assert.All(rows, r => Assert.Equal("0", r.Split(',')[2])); // fee_income
    }

    private static BadInputCase Fail(string name, int exitCode, string[] stderr, Action<BadInputCase> arrange)
    {
        var c = new BadInputCase { Name = name, ExitCode = exitCode, Stderr = stderr };
        arrange(c);
        return c;
    }

    private static BadInputCase Accept(string name, Action<BadInputCase> arrange, Action<RunPaths, CliResult> verify)
    {
        var c = new BadInputCase { Name = name, ExitCode = 0, Verify = verify };
        arrange(c);
        return c;
    }
}
