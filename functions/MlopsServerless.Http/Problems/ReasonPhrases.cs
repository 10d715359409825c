namespace MlopsServerless.Http.Problems;

/// <summary>Short titles for the statuses this API answers with.</summary>
internal static class ReasonPhrases
{
    public static string Of(int status) => Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status) is { Length: > 0 } phrase ? phrase : "Error";
}
