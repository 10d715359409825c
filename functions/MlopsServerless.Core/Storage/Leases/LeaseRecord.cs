namespace MlopsServerless.Core.Storage.Leases;

/// <summary>Who holds a lease and until when (a record in table <c>leases</c>, row = a hash of the name); a lease past <paramref name="ExpiresAt"/> may be taken over.</summary>
/// <param name="Name">What the lease guards, for example <c>upload:incoming/churn/a.csv</c> or <c>run:churn-0123</c>.</param>
/// <param name="Holder">The process holding it: machine, process id and a random suffix.</param>
/// <param name="AcquiredAt">When the holder claimed it.</param>
/// <param name="ExpiresAt">When it lapses unless renewed.</param>
public sealed record LeaseRecord(string Name, string Holder, DateTimeOffset AcquiredAt, DateTimeOffset ExpiresAt);
