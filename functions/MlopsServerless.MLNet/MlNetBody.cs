namespace MlopsServerless.MLNet;

/// <summary>
/// The <c>body</c> of an ML.NET model's <c>model.json</c>: which library wrote the <c>model.zip</c> next to it and the
/// zip's input columns with their ML.NET types (what a user's own app must feed it). The fitted pipeline itself is the zip.
/// </summary>
/// <param name="Family">Always "mlnet".</param>
/// <param name="Library">The ML.NET package and version that saved the zip.</param>
/// <param name="Inputs">Input column name -> ML.NET type ("Single" or "String"), in signature order.</param>
/// <param name="Output">The output column our predictions come from: "Probability" (binary), "Score" (multiclass: one
/// probability per class, in the signature's class order; regression: the value).</param>
public sealed record MlNetBody(string Family, string Library, IReadOnlyList<MlNetInput> Inputs, string Output);

/// <summary>One input column of the zip.</summary>
public sealed record MlNetInput(string Name, string Type);
