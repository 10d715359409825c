using System.Text.RegularExpressions;
using MlopsServerless.Core.Errors;

namespace MlopsServerless.Core.Storage;

/// <summary>
/// Checks keys and the names users give (dataset, model, file) before they become parts of a key,
/// so that no user-supplied name can climb out of the store's root.
/// </summary>
public static partial class ObjectKey
{
    /// <summary>A name: 1-64 characters of letters, digits, '.', '_' and '-', not starting with '.' or '-'.</summary>
    public static string Name(string? value, string what)
    {
        if (value is null || !NamePattern().IsMatch(value))
        {
            throw MlopsException.InvalidArgument(
                $"{what} '{value}' is not a valid name: use 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit.");
        }

        return value;
    }

    /// <summary>Joins checked segments into a key.</summary>
    public static string Join(params string[] segments) => string.Join('/', segments);

    /// <summary>A whole key: '/'-separated segments, none empty, '.' or '..', no backslash or control characters.</summary>
    public static string Validate(string key)
    {
        if (string.IsNullOrEmpty(key) || key.Length > 1024 || key.StartsWith('/') || key.EndsWith('/')
            || key.Contains('\\') || key.Any(char.IsControl))
        {
            throw MlopsException.InvalidArgument($"'{key}' is not a valid object key.");
        }

        foreach (var segment in key.Split('/'))
        {
            if (segment.Length == 0 || segment == "." || segment == "..")
            {
                throw MlopsException.InvalidArgument($"'{key}' is not a valid object key: empty, '.' or '..' segment.");
            }
        }

        return key;
    }

    /// <summary>A prefix for listing: empty, or a valid key optionally followed by '/'.</summary>
    public static string ValidatePrefix(string prefix)
    {
        if (prefix.Length == 0)
        {
            return prefix;
        }

        Validate(prefix.TrimEnd('/'));
        return prefix;
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")]
    private static partial Regex NamePattern();
}
