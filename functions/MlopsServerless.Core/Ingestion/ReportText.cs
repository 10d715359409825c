namespace MlopsServerless.Core.Ingestion;

/// <summary>Keeps user-derived text in reports short: a report never echoes a megabyte header back.</summary>
internal static class ReportText
{
    /// <summary>Longest message kept in a report.</summary>
    public const int MaxMessage = 1000;

    /// <summary>Longest column or file name kept in a report.</summary>
    public const int MaxName = 120;

    /// <summary><paramref name="text"/> cut to at most <paramref name="max"/> characters, ending in "…" when cut.</summary>
    public static string Bound(string text, int max)
    {
        if (text.Length <= max)
        {
            return text;
        }

        var cut = max - 1;
        if (char.IsHighSurrogate(text[cut - 1]))
        {
            cut--;
        }

        return string.Concat(text.AsSpan(0, cut), "…");
    }

    /// <summary>Up to <paramref name="shown"/> names, each bounded, then how many more there are.</summary>
    public static string List(IReadOnlyList<string> names, int shown = 20)
    {
        var listed = string.Join(", ", names.Take(shown).Select(n => Bound(n, 40)));
        return names.Count > shown ? $"{listed} and {names.Count - shown} more" : listed;
    }
}
