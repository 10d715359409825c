using System.Text.RegularExpressions;
using MlopsServerless.Core.Errors;
using MlopsServerless.Core.Storage.Records;

namespace MlopsServerless.Azure.Records;

/// <summary>
/// Where <see cref="TableRecordStore"/> keeps records: the tables of one storage account, reached either with a
/// connection string (Azurite, shared keys) or with <see cref="ServiceUri"/> and the managed identity / developer login
/// found by DefaultAzureCredential. Set exactly one of the two.
/// </summary>
public sealed partial record TableStoreOptions
{
    /// <summary>The default table-name prefix.</summary>
    public const string DefaultTablePrefix = "mlops";

    /// <summary>Longest prefix: it and the longest table name Core uses must fit Azure's 63 characters.</summary>
    public const int MaxTablePrefixLength = 40;

    /// <summary>A storage connection string. A secret: never logged, and left out of <see cref="ToString"/>.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The table endpoint, for example https://account.table.core.windows.net, used with DefaultAzureCredential.</summary>
    public Uri? ServiceUri { get; set; }

    /// <summary>
    /// Put in front of every table name Core uses (<see cref="RecordTables"/>), so the records have their own namespace
    /// in an account that also holds the Durable task hub's tables; empty for none.
    /// </summary>
    /// <value>Defaults to "mlops" (tables mlopsmodels, mlopsruns, ...).</value>
    public string TablePrefix { get; set; } = DefaultTablePrefix;

    /// <summary>Checks the options and says what to fix.</summary>
    /// <exception cref="MlopsException">InvalidArgument naming the setting that is wrong.</exception>
    public void Validate()
    {
        StorageAccountConnection.Validate("Table storage", ConnectionString, nameof(ServiceUri), ServiceUri, "https://<account>.table.core.windows.net");

        ValidatePrefix(TablePrefix);
    }

    /// <summary>Checks a table-name prefix: empty, or up to <see cref="MaxTablePrefixLength"/> letters and digits starting with a letter.</summary>
    /// <exception cref="MlopsException">InvalidArgument naming the prefix.</exception>
    public static void ValidatePrefix(string? prefix)
    {
        if (prefix is null || (prefix.Length > 0 && !PrefixPattern().IsMatch(prefix)))
        {
            throw MlopsException.InvalidArgument(
                $"Table storage: table prefix '{prefix}' is not valid: use up to {MaxTablePrefixLength} letters and digits, starting with a letter, or nothing.");
        }
    }

    // Records print every property by default; the connection string holds the account key.
    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append("ConnectionString = ").Append(ConnectionString is null ? "(none)" : "(set, hidden)")
            .Append(", ServiceUri = ").Append(ServiceUri)
            .Append(", TablePrefix = ").Append(TablePrefix);
        return true;
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]{0,39}$")]
    private static partial Regex PrefixPattern();
}
