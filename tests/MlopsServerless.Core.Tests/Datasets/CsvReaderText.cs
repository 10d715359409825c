using System.Text;
using MlopsServerless.Core.Datasets;

namespace MlopsServerless.Core.Tests.Datasets;

public static class CsvReaderText
{
    /// <summary>Field <paramref name="index"/> of the last record as text (the tests compare text; the product reads bytes).</summary>
    public static string Field(this CsvReader reader, int index) => Encoding.UTF8.GetString(reader.Utf8Field(index));
}
