using System.Runtime.CompilerServices;

namespace MlopsServerless.Core.Datasets;

/// <summary>Reads a CSV once, streaming, and returns its SHA-256, size, row count and inferred column profiles.</summary>
public static class CsvProfiler
{
    /// <exception cref="CsvFormatException">The bytes are not a readable CSV; the exception names the line.</exception>
    public static async Task<CsvProfile> ProfileAsync(Stream content, CancellationToken cancellationToken)
    {
        using var hashing = new HashingStream(content);
        var (rows, columns) = await ProfileColumnsAsync(hashing, cancellationToken).ConfigureAwait(false);

        // Drain anything the reader did not need so the hash covers every byte of the file.
        await hashing.CopyToAsync(Stream.Null, cancellationToken).ConfigureAwait(false);
        return new CsvProfile(hashing.HexDigest(), hashing.BytesRead, rows, columns);
    }

    /// <summary>The row count and column profiles of <paramref name="content"/>, read up to its last record (not hashed, not drained).</summary>
    /// <exception cref="CsvFormatException">The bytes are not a readable CSV; the exception names the line.</exception>
    internal static async Task<(long Rows, IReadOnlyList<ColumnProfile> Columns)> ProfileColumnsAsync(Stream content, CancellationToken cancellationToken)
    {
        using var reader = new CsvReader(content);
        var header = await reader.ReadHeaderAsync(cancellationToken).ConfigureAwait(false);
        var columns = header.Select(name => new ColumnProfiler(name)).ToArray();

        // While one block is profiled the next is read into the other; blocks are profiled one after another, in file
        // order, so every column sees its values in the order of the file.
        var block = new RecordBlock(columns.Length);
        var spare = new RecordBlock(columns.Length);
        var profiling = Task.CompletedTask;
        long rows = 0;
        try
        {
            while (await reader.ReadFieldsAsync(cancellationToken).ConfigureAwait(false))
            {
                rows++;
                if (block.Add(reader))
                {
                    await profiling.ConfigureAwait(false);
                    var full = block;
                    profiling = Task.Run(() => Profile(full, columns), cancellationToken);
                    (block, spare) = (spare, full);
                }
            }
        }
        catch
        {
            // Never leave a block being profiled behind when the read failed.
            await profiling.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            throw;
        }

        await profiling.ConfigureAwait(false);
        Profile(block, columns);
        return (rows, columns.Select(c => c.Build()).ToList());
    }

    // Column by column: each profiler's counters and tables stay in cache for the whole block.
    private static void Profile(RecordBlock block, ColumnProfiler[] columns)
    {
        // On up to two cores: columns are independent, and a block is large enough that the hand-off costs nothing next to it.
        if (columns.Length > 1 && Environment.ProcessorCount > 1)
        {
            Parallel.For(0, columns.Length, new ParallelOptions { MaxDegreeOfParallelism = 2 }, column => ProfileColumn(block, columns[column], column));
        }
        else
        {
            for (var column = 0; column < columns.Length; column++)
            {
                ProfileColumn(block, columns[column], column);
            }
        }

        block.Clear();
    }

    // This loop, what it runs for a plain cell and the reader's scan of a record are compiled fully optimized on their
    // first call (the rare paths, such as a cell that needs decoding, are left to tiering). Left to tiered compilation,
    // a 2-second `mlops ingest` ran them in tier-0 and instrumented code for a varying part of its run, waiting for the
    // runtime's 100 ms tiering delay and its one background compiler: ingest took 2.0-3.2 s from run to run on the same
    // file; with this, 1.6-1.9 s (bench/RESULTS.md). The price: they never get dynamic PGO's code, and ReadyToRun
    // leaves them to the JIT at start-up.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ProfileColumn(RecordBlock block, ColumnProfiler profiler, int column)
    {
        for (var row = 0; row < block.Rows; row++)
        {
            profiler.Add(block.Cell(row, column));
        }
    }
}
