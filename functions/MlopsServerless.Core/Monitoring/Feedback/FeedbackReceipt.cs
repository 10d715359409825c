namespace MlopsServerless.Core.Monitoring.Feedback;

/// <summary>What a feedback call stored: how many labels, for which model, and when.</summary>
public sealed record FeedbackReceipt(string Model, int Accepted, DateTimeOffset ReceivedAt);
