using System.Globalization;
using MlopsServerless.Core.Storage;
using MlopsServerless.Core.Storage.Records;

namespace MlopsServerless.Core.Registry;

/// <summary>
/// The registry's layout in table <see cref="RecordTables.Models"/>: partition = model name, row <c>model</c> (the
/// head), rows <c>v-{version}</c> (ascending) and <c>a-{sequence}</c> (newest first); partition <c>_models</c> lists the
/// models (a model name starts with a letter or digit, so it can never be that partition).
/// </summary>
internal static class RegistryRecords
{
    public const string Table = RecordTables.Models;
    public const string HeadRow = "model";
    public const string ListPartition = "_models";
    public const string VersionPrefix = "v-";
    public const string AuditPrefix = "a-";
    public const string StageProperty = "Stage";
    public const string RunIdProperty = "RunId";

    /// <summary>The partition of <paramref name="model"/>, after checking the name like every other key built from it.</summary>
    public static string Partition(string model) => ObjectKey.Name(model, "Model");

    public static string VersionRow(int version) => VersionPrefix + RecordKeys.Ascending(version);

    public static string AuditRow(long sequence) => AuditPrefix + RecordKeys.NewestFirst(sequence);

    /// <summary>The sequence number of an audit row key (inverse of <see cref="AuditRow"/>).</summary>
    public static long AuditSequence(string rowKey) => long.MaxValue - long.Parse(rowKey.AsSpan(AuditPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture);

    public static Record Head(string model, ModelHeadDocument head) => RecordStoreExtensions.ToRecord(model, HeadRow, head);

    public static Record Version(string model, ModelVersion version) => RecordStoreExtensions.ToRecord(model, VersionRow(version.Version), version,
        new Dictionary<string, string> { [StageProperty] = version.Stage.ToString(), [RunIdProperty] = version.RunId });

    public static Record Audit(string model, long sequence, AuditEntry entry) => RecordStoreExtensions.ToRecord(model, AuditRow(sequence), entry);

    public static Record Listing(string model, DateTimeOffset createdAt) => RecordStoreExtensions.ToRecord(ListPartition, model, new ModelListing(model, createdAt));

    public static RecordQuery Versions(string model) => new RecordQuery(model) { PageSize = RecordQuery.MaxPageSize }.WithPrefix(VersionPrefix);

    public static RecordQuery AuditEntries(string model) => new RecordQuery(model).WithPrefix(AuditPrefix);

    /// <summary>A row of partition <c>_models</c>.</summary>
    public sealed record ModelListing(string Name, DateTimeOffset CreatedAt);
}
