using MlopsServerless.Core.Datasets;

namespace MlopsServerless.Core.Ingestion;

/// <summary>Checks a profiled upload against its dataset's contract. The problem that explains the others comes first.</summary>
public static class UploadValidator
{
    /// <param name="profile">The upload's profile.</param>
    /// <param name="contract">The dataset's contract.</param>
    /// <param name="dataset">The dataset as the user names it, for the commands a problem suggests.</param>
    public static IReadOnlyList<IngestionProblem> Validate(CsvProfile profile, DatasetContract contract, string dataset)
    {
        var problems = new List<IngestionProblem>();
        var names = profile.Columns.Select(c => c.Name).ToList();
        if (profile.RowCount == 0)
        {
            problems.Add(new IngestionProblem(
                "no_data_rows", 2, null, $"The file has a header but no data rows. Add one line per example under the header ({ReportText.List(names)})."));
        }

        if (profile.Columns.Count == 1 && (names[0].Contains(';') || names[0].Contains('\t')))
        {
            problems.Add(new IngestionProblem(
                "wrong_separator", 1, null, $"The header is one column with {(names[0].Contains(';') ? "semicolons" : "tabs")} in it: separate the values with commas."));
        }

        var label = profile.Columns.FirstOrDefault(c => c.Name == contract.Label);
        if (label is null)
        {
            problems.Add(new IngestionProblem(
                "no_label_column",
                1,
                contract.Label,
                $"There is no label column '{contract.Label}'. The header has: {ReportText.List(names)}. Choose the column to predict with "
                + $"`mlops datasets contract {Quoted(dataset)} --label COLUMN` (or PUT /api/datasets/{Uri.EscapeDataString(dataset)}/contract {{\"label\": \"COLUMN\"}}), then upload the file again."));
        }
        else if (profile.RowCount > 0)
        {
            if (label.Missing > 0)
            {
                problems.Add(new IngestionProblem("label_missing", 0, label.Name, $"The label column '{label.Name}' is empty in {label.Missing} rows; every row needs a label."));
            }

            if (label.Kind != ColumnKind.Numeric && label.Distinct < 2)
            {
                problems.Add(new IngestionProblem("label_single_class", 0, label.Name, $"The label column '{label.Name}' has only {label.Distinct} distinct value(s); a model needs at least two."));
            }
        }

        if (profile.RowCount > 0 && profile.RowCount < contract.MinRows)
        {
            problems.Add(new IngestionProblem("too_few_rows", 0, null, $"The file has {profile.RowCount} data rows; this dataset needs at least {contract.MinRows}."));
        }

        if (profile.Columns.Count < 2 && problems.All(p => p.Code != "wrong_separator"))
        {
            problems.Add(new IngestionProblem("no_features", 1, null, "The file has a single column: a model needs at least one feature besides the label. Is the separator a comma?"));
        }

        return problems;
    }

    private static string Quoted(string name) => name.Any(c => !char.IsAsciiLetterOrDigit(c) && c is not ('.' or '_' or '-')) ? $"\"{name}\"" : name;
}
