namespace MlopsServerless.Core.Pipeline;

/// <summary>The promotion policy's answer and the reason, recorded in the run and the audit log.</summary>
public sealed record PromotionDecision(bool Promote, string Reason);
