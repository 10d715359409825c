using MlopsServerless.Core.Errors;
using MlopsServerless.Core.Storage;

namespace MlopsServerless.Core.Ingestion;

/// <summary>
/// What an upload's key says: the dataset as the user named its folder (<paramref name="GivenDataset"/>), the safe name it
/// is stored under (<paramref name="Dataset"/>, see <see cref="ObjectKey.SafeName"/>) and the file name as given. Every
/// key under <c>incoming/</c> has one: <c>incoming/{dataset}/{file}</c>, <c>incoming/{dataset}/{folders}/{file}</c>
/// (the file name keeps its folders), and <c>incoming/{file}</c> (the dataset is named after the file).
/// </summary>
public sealed record UploadName(string Key, string Dataset, string GivenDataset, string FileName)
{
    private static readonly string[] InProgressSuffixes = [".tmp", ".part", ".partial", ".crdownload", ".filepart", UploadDrop.PartialSuffix];

    /// <exception cref="MlopsException">InvalidArgument for a key that is not under incoming/ or could escape the store.</exception>
    public static UploadName Parse(string key)
    {
        var parts = ObjectKey.Validate(key).Split('/');
        if (parts.Length < 2 || parts[0] != "incoming")
        {
            throw MlopsException.InvalidArgument($"'{key}' is not an upload: uploads go to incoming/{{dataset}}/{{file}}.csv.");
        }

        var (given, file) = parts.Length == 2
            ? (Path.GetFileNameWithoutExtension(parts[1]) is { Length: > 0 } stem ? stem : parts[1], parts[1])
            : (parts[1], string.Join('/', parts[2..]));
        return new UploadName(key, ObjectKey.SafeName(given), given, file);
    }

    /// <summary>
    /// True for a file that is still being written under the safe-drop convention (README, "Dropping files safely"): its
    /// name starts with '.' or ends in .tmp, .part, .partial, .crdownload, .filepart or .uploading. Such files are not
    /// uploads yet; they become one when renamed.
    /// </summary>
    public static bool IsInProgress(string key)
    {
        var name = key[(key.LastIndexOf('/') + 1)..];
        return name.StartsWith('.') || InProgressSuffixes.Any(s => name.EndsWith(s, StringComparison.OrdinalIgnoreCase));
    }
}
