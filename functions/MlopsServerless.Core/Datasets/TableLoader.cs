using MlopsServerless.Core.Errors;

namespace MlopsServerless.Core.Datasets;

/// <summary>Loads a CSV whose columns are already profiled into a typed <see cref="Table"/>, streaming.</summary>
public static class TableLoader
{
    /// <summary>Reads <paramref name="content"/> into columns of the kinds in <paramref name="schema"/> (matched by name).</summary>
    /// <exception cref="MlopsException">InvalidArgument when the file does not match the schema.</exception>
    public static async Task<Table> LoadAsync(Stream content, IReadOnlyList<ColumnProfile> schema, CancellationToken cancellationToken)
    {
        using var reader = new CsvReader(content);
        try
        {
            var header = await reader.ReadHeaderAsync(cancellationToken).ConfigureAwait(false);
            var builders = header.Select(name =>
                    ColumnBuilder.For(name, schema.FirstOrDefault(c => c.Name == name)?.Kind
                        ?? throw MlopsException.InvalidArgument($"Column '{name}' is not in the dataset's schema.")))
                .ToArray();
            while (await reader.ReadRecordAsync(cancellationToken).ConfigureAwait(false) is { } record)
            {
                for (var i = 0; i < builders.Length; i++)
                {
                    builders[i].Add(record[i], reader.RecordLine);
                }
            }

            return new Table(builders.Select(b => b.Build()).ToList());
        }
        catch (CsvFormatException e)
        {
            throw MlopsException.InvalidArgument($"Line {e.Line}: {e.Message}");
        }
    }
}
