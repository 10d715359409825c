using System.Security.Cryptography;
using System.Text;
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

    /// <summary>
    /// The name a user's own name (a folder or file called <c>data (1)</c>, <c>café</c>) is stored under: the name itself
    /// when it is already a valid <see cref="Name"/>, otherwise its letters and digits (common Latin accents dropped, anything else
    /// turned into '-', at most 40 characters) followed by '-' and 8 hex digits of its SHA-256, so two different names
    /// never share a key. The given name is kept beside it (manifest, report) and shown to people.
    /// </summary>
    public static string SafeName(string given)
    {
        ArgumentNullException.ThrowIfNull(given);
        if (NamePattern().IsMatch(given))
        {
            return given;
        }

        var slug = new StringBuilder();
        foreach (var c in given)
        {
            // A fixed table, not Unicode normalization: hosts built with invariant globalization do not decompose, and
            // the same name must map to the same key on every host.
            var at = AccentedLetters.IndexOf(c);
            var plain = at >= 0 ? PlainLetters[at] : c;
            var keep = char.IsAsciiLetterOrDigit(plain) || plain is '.' or '_' or '-';
            if (keep || (slug.Length > 0 && slug[^1] != '-'))
            {
                slug.Append(keep ? plain : '-');
            }
        }

        var stem = slug.ToString().TrimStart('.', '_', '-');
        stem = stem[..Math.Min(stem.Length, 40)].TrimEnd('.', '_', '-');
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(given)))[..8];
        return stem.Length == 0 ? "n-" + hash : stem + "-" + hash;
    }

    private const string AccentedLetters = "àáâãäåçèéêëìíîïñòóôõöøùúûüýÿÀÁÂÃÄÅÇÈÉÊËÌÍÎÏÑÒÓÔÕÖØÙÚÛÜÝ";
    private const string PlainLetters = "aaaaaaceeeeiiiinoooooouuuuyyAAAAAACEEEEIIIINOOOOOOUUUUY";

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
