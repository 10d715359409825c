using MlopsServerless.Core.Errors;

namespace MlopsServerless.Core.Datasets;

/// <summary>Loads a CSV whose columns are already profiled into a typed <see cref="Table"/>, streaming.</summary>
public static class TableLoader
{
    /// <summary>Reads <paramref name="content"/> into columns of the kinds in <paramref name="schema"/> (matched by name).</summary>
    /// <exception cref="MlopsException">InvalidArgument when the file does not match the schema.</exception>
    public static Task<Table> LoadAsync(Stream content, IReadOnlyList<ColumnProfile> schema, CancellationToken cancellationToken) =>
        LoadAsync(content, schema, 0, cancellationToken);

    /// <summary>Reads <paramref name="content"/> into columns of the kinds in <paramref name="schema"/> (matched by name).</summary>
    /// <param name="content">The CSV.</param>
    /// <param name="schema">The kind of every column.</param>
    /// <param name="expectedRows">
    /// The row count the file most likely has (a manifest's or profile's <c>RowCount</c>; 0 when unknown). With it every
    /// column is filled in place and never copied, so loading holds the table once; a wrong count costs a copy, never a row.
    /// </param>
    /// <param name="cancellationToken">Stops the read.</param>
    /// <exception cref="MlopsException">InvalidArgument when the file does not match the schema.</exception>
    public static async Task<Table> LoadAsync(Stream content, IReadOnlyList<ColumnProfile> schema, long expectedRows, CancellationToken cancellationToken)
    {
        using var reader = new CsvReader(content);
        try
        {
            var header = await reader.ReadHeaderAsync(cancellationToken).ConfigureAwait(false);
            var capacity = (int)Math.Clamp(expectedRows, 0, Array.MaxLength);
            var builders = header.Select(name =>
                    ColumnBuilder.For(
                        name,
                        schema.FirstOrDefault(c => c.Name == name)?.Kind
                            ?? throw MlopsException.InvalidArgument($"Column '{name}' is not in the dataset's schema."),
                        capacity))
                .ToArray();
            while (await reader.ReadFieldsAsync(cancellationToken).ConfigureAwait(false))
            {
                for (var i = 0; i < builders.Length; i++)
                {
                    builders[i].Add(reader.Utf8Field(i), reader.RecordLine);
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
