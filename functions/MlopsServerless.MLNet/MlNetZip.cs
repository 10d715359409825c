using System.IO.Compression;
using Microsoft.ML;
using MlopsServerless.Core.Errors;

namespace MlopsServerless.MLNet;

/// <summary>Saves and loads the ML.NET zip: deterministic bytes on save, a clear error for a file that is not one.</summary>
internal static class MlNetZip
{
    private static readonly DateTimeOffset FixedTime = new(1980, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// <c>mlContext.Model.Save</c> with the input schema, then the entries re-packed in the same order with a fixed
    /// timestamp: the zip format stamps every entry with the save time, and the same model must give the same bytes.
    /// </summary>
    public static byte[] Save(MLContext ml, ITransformer model, DataViewSchema inputSchema)
    {
        using var saved = new MemoryStream();
        ml.Model.Save(model, inputSchema, saved);
        saved.Position = 0;
        using var output = new MemoryStream();
        using (var source = new ZipArchive(saved, ZipArchiveMode.Read))
        using (var target = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var entry in source.Entries)
            {
                var copy = target.CreateEntry(entry.FullName, CompressionLevel.Optimal);
                copy.LastWriteTime = FixedTime;
                using var from = entry.Open();
                using var to = copy.Open();
                from.CopyTo(to);
            }
        }

        return output.ToArray();
    }

    /// <summary>Loads a zip written by <see cref="Save"/> (or by any ML.NET app).</summary>
    /// <exception cref="MlopsException">InvalidArgument when the bytes are not an ML.NET model.</exception>
    public static (ITransformer Model, DataViewSchema InputSchema) Load(MLContext ml, ReadOnlyMemory<byte> zip)
    {
        try
        {
            using var stream = new MemoryStream(zip.ToArray(), writable: false);
            var model = ml.Model.Load(stream, out var schema);
            return (model, schema);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw MlopsException.InvalidArgument($"model.zip is not an ML.NET model ({e.GetType().Name}: {e.Message})");
        }
    }
}
