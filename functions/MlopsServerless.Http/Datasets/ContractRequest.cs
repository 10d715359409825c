namespace MlopsServerless.Http.Datasets;

/// <summary>The body of PUT /api/datasets/{name}/contract: <c>{"label": "churned", "minRows": 20}</c>; an absent field keeps its current value.</summary>
public sealed record ContractRequest(string? Label, int? MinRows);

/// <summary>A dataset's contract as the API shows it.</summary>
public sealed record ContractResponse(string Dataset, string Label, int MinRows, bool IsDefault);
