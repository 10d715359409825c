using System.Globalization;
using System.Text;

namespace MlopsServerless.Core.Samples;

/// <summary>
/// A seeded generator of a realistic customer-churn table: numeric, categorical and boolean features, some missing
/// values, and a label (<c>churned</c>) that depends on the features nonlinearly (short tenure on a monthly contract
/// with many support calls churns; long contracts rarely do). The same seed and row count give the same bytes.
/// </summary>
public static class ChurnSample
{
    /// <summary>The label column.</summary>
    public const string Label = "churned";

    private static readonly string[] Contracts = ["month-to-month", "one-year", "two-year"];
    private static readonly string[] Internet = ["dsl", "fiber", "no-internet"];
    private static readonly string[] Payments = ["electronic-check", "mailed-check", "bank-transfer", "credit-card"];
    private static readonly string[] Regions = ["north", "south", "east", "west"];

    /// <summary>Writes <paramref name="rows"/> rows as CSV (header first, LF line ends, UTF-8).</summary>
    /// <param name="rows">Data rows.</param>
    /// <param name="seed">Seed; the same seed gives the same file.</param>
    /// <param name="shift">0 for the training population; towards 1 the customers drift (higher charges, more fiber,
    /// more support calls), which is what the drift monitor should notice.</param>
    public static string Generate(int rows, int seed, double shift = 0)
    {
        var random = new Random(seed);
        var csv = new StringBuilder(rows * 96);
        csv.Append("tenure_months,monthly_charges,contract,internet_service,payment_method,support_calls,senior_citizen,has_partner,region,avg_daily_usage_gb,satisfaction_score,churned\n");
        for (var i = 0; i < rows; i++)
        {
            var contract = Pick(random, Contracts, [0.55 + 0.1 * shift, 0.25, 0.20 - 0.1 * shift]);
            var tenure = contract switch
            {
                "two-year" => 24 + random.Next(49),
                "one-year" => 6 + random.Next(55),
                _ => 1 + (int)Math.Min(71, -Math.Log(1 - random.NextDouble()) * 14),
            };
            var internet = Pick(random, Internet, [0.35 - 0.15 * shift, 0.45 + 0.15 * shift, 0.20]);
            var charges = internet switch { "fiber" => 70, "dsl" => 45, _ => 20 } + random.NextDouble() * 30 + 15 * shift + Normal(random) * 5;
            var calls = Poisson(random, 1.2 + (internet == "fiber" ? 0.8 : 0) + 2 * shift);
            var senior = random.NextDouble() < 0.16;
            var partner = random.NextDouble() < 0.48;
            var payment = Pick(random, Payments, [0.34, 0.22, 0.22, 0.22]);
            var region = Pick(random, Regions, [0.25, 0.25, 0.25, 0.25]);
            var usage = Math.Max(0.1, (internet == "no-internet" ? 0.3 : 2.5) + Normal(random) * 1.2 + 0.02 * tenure);
            var satisfaction = Math.Clamp((int)Math.Round(7 - 0.8 * calls + Normal(random) * 1.5), 1, 10);

            var score = -1.3
                + (contract == "month-to-month" ? 1.6 : contract == "one-year" ? 0.2 : -1.4)
                - 0.045 * tenure
                + 0.022 * (charges - 60)
                + 0.35 * calls
                + (internet == "fiber" ? 0.5 : 0)
                + (payment == "electronic-check" ? 0.6 : 0)
                + (senior ? 0.35 : 0)
                - (partner ? 0.3 : 0)
                - 0.18 * (satisfaction - 6)
                + (calls >= 4 && tenure < 12 ? 1.2 : 0);
            var churned = random.NextDouble() < 1 / (1 + Math.Exp(-score));

            csv.Append(tenure.ToString(CultureInfo.InvariantCulture)).Append(',')
                .Append(random.NextDouble() < 0.02 ? "" : Math.Round(Math.Max(18, charges), 2).ToString(CultureInfo.InvariantCulture)).Append(',')
                .Append(contract).Append(',')
                .Append(random.NextDouble() < 0.03 ? "" : internet).Append(',')
                .Append(payment).Append(',')
                .Append(calls.ToString(CultureInfo.InvariantCulture)).Append(',')
                .Append(senior ? "yes" : "no").Append(',')
                .Append(partner ? "yes" : "no").Append(',')
                .Append(region).Append(',')
                .Append(random.NextDouble() < 0.05 ? "" : Math.Round(usage, 2).ToString(CultureInfo.InvariantCulture)).Append(',')
                .Append(random.NextDouble() < 0.08 ? "" : satisfaction.ToString(CultureInfo.InvariantCulture)).Append(',')
                .Append(churned ? "yes" : "no").Append('\n');
        }

        return csv.ToString();
    }

    /// <summary>
    /// The same customers as <see cref="Generate"/>, without the label, as JSON-ready objects typed the way the predict
    /// API expects (numbers, booleans, strings, null for missing): what a client would send.
    /// </summary>
    public static List<Dictionary<string, object?>> Customers(int rows, int seed, double shift = 0)
    {
        var lines = Generate(rows, seed, shift).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var header = lines[0].Split(',');
        return lines.Skip(1).Select(line =>
        {
            var cells = line.Split(',');
            var customer = new Dictionary<string, object?>(StringComparer.Ordinal);
            for (var i = 0; i < header.Length; i++)
            {
                if (header[i] != Label)
                {
                    customer[header[i]] = Datasets.CellValues.IsMissing(cells[i]) ? null
                        : Datasets.CellValues.TryParseNumber(cells[i], out var number) ? number
                        : Datasets.CellValues.TryParseBoolean(cells[i], out var flag) ? flag
                        : cells[i];
                }
            }

            return customer;
        }).ToList();
    }

    private static string Pick(Random random, string[] values, double[] weights)
    {
        var u = random.NextDouble() * weights.Sum();
        for (var i = 0; i < values.Length; i++)
        {
            u -= weights[i];
            if (u <= 0)
            {
                return values[i];
            }
        }

        return values[^1];
    }

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    private static int Poisson(Random random, double lambda)
    {
        var limit = Math.Exp(-lambda);
        var k = 0;
        var p = random.NextDouble();
        while (p > limit && k < 20)
        {
            k++;
            p *= random.NextDouble();
        }

        return k;
    }
}
