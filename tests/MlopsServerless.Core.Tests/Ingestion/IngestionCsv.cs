using System.Globalization;
using System.Text;

namespace MlopsServerless.Core.Tests.Ingestion;

/// <summary>Small CSV files for ingestion tests.</summary>
internal static class IngestionCsv
{
    /// <summary>A numeric, a categorical and a boolean feature and a two-class "label"; <paramref name="rows"/> data rows.</summary>
    public static byte[] Good(int rows = 30, string label = "label")
    {
        var csv = new StringBuilder($"x,color,flag,{label}\n");
        for (var i = 0; i < rows; i++)
        {
            csv.Append((i * 1.5).ToString(CultureInfo.InvariantCulture)).Append(',')
                .Append(new[] { "red", "green", "blue" }[i % 3]).Append(',')
                .Append(i % 4 == 0 ? "yes" : "no").Append(',')
                .Append(i % 2 == 0 ? "a" : "b").Append('\n');
        }

        return Encoding.UTF8.GetBytes(csv.ToString());
    }

    public static byte[] Text(string text) => Encoding.UTF8.GetBytes(text);
}
