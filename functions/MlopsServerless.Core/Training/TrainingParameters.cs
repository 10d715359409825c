using System.Globalization;
using MlopsServerless.Core.Errors;

namespace MlopsServerless.Core.Training;

/// <summary>
/// Reads a trainer's hyperparameters from the name=value pairs users give, with defaults and range checks, and
/// remembers what it read so the model can record every parameter it was trained with (given or defaulted).
/// Unknown names are an error: a typo must not silently train with the default.
/// </summary>
public sealed class TrainingParameters
{
    private readonly IReadOnlyDictionary<string, string> _given;
    private readonly string _algorithm;
    private readonly SortedDictionary<string, string> _used = new(StringComparer.Ordinal);

    public TrainingParameters(string algorithm, IReadOnlyDictionary<string, string> given)
    {
        _algorithm = algorithm;
        _given = given;
    }

    /// <summary>Every parameter read so far, as given or defaulted, in ordinal name order.</summary>
    public IReadOnlyDictionary<string, string> Used => _used;

    /// <summary>An integer in [<paramref name="min"/>, <paramref name="max"/>], or <paramref name="fallback"/>.</summary>
    public int Int(string name, int fallback, int min, int max)
    {
        var value = _given.TryGetValue(name, out var text)
            ? int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) ? parsed : throw NotA(name, text, "an integer")
            : fallback;
        if (value < min || value > max)
        {
            throw MlopsException.InvalidArgument($"{_algorithm}: {name}={value} is out of range; use {min} to {max}.");
        }

        _used[name] = value.ToString(CultureInfo.InvariantCulture);
        return value;
    }

    /// <summary>A finite number in [<paramref name="min"/>, <paramref name="max"/>], or <paramref name="fallback"/>.</summary>
    public double Double(string name, double fallback, double min, double max)
    {
        var value = _given.TryGetValue(name, out var text)
            ? double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) && double.IsFinite(parsed) ? parsed : throw NotA(name, text, "a number")
            : fallback;
        if (value < min || value > max)
        {
            throw MlopsException.InvalidArgument($"{_algorithm}: {name}={value.ToString(CultureInfo.InvariantCulture)} is out of range; use {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}.");
        }

        _used[name] = value.ToString("R", CultureInfo.InvariantCulture);
        return value;
    }

    /// <summary>true/false, or <paramref name="fallback"/>.</summary>
    public bool Bool(string name, bool fallback)
    {
        var value = _given.TryGetValue(name, out var text)
            ? bool.TryParse(text, out var parsed) ? parsed : throw NotA(name, text, "true or false")
            : fallback;
        _used[name] = value ? "true" : "false";
        return value;
    }

    /// <summary>Fails when a parameter was given that the trainer never read; call after reading every parameter.</summary>
    /// <exception cref="MlopsException">InvalidArgument naming the unknown parameters and the known ones.</exception>
    public void RejectUnknown()
    {
        var unknown = _given.Keys.Where(k => !_used.ContainsKey(k)).Order(StringComparer.Ordinal).ToList();
        if (unknown.Count > 0)
        {
            throw MlopsException.InvalidArgument(
                $"{_algorithm} has no parameter {string.Join(", ", unknown)}. Known: {string.Join(", ", _used.Keys)}.");
        }
    }

    private MlopsException NotA(string name, string text, string what) =>
        MlopsException.InvalidArgument($"{_algorithm}: {name}='{text}' is not {what}.");
}
