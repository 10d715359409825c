using MlopsServerless.Core.Datasets;

namespace MlopsServerless.Core.Ingestion;

/// <summary>Checks a profiled upload against its dataset's contract.</summary>
public static class UploadValidator
{
    public static IReadOnlyList<IngestionProblem> Validate(CsvProfile profile, DatasetContract contract)
    {
        var problems = new List<IngestionProblem>();
        var label = profile.Columns.FirstOrDefault(c => c.Name == contract.Label);
        if (label is null)
        {
            problems.Add(new IngestionProblem(
                "no_label_column",
                1,
                contract.Label,
                $"There is no label column '{contract.Label}'. The header has: {string.Join(", ", profile.Columns.Select(c => c.Name))}. Rename the column or set the dataset's label."));
        }
        else
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

        if (profile.RowCount < contract.MinRows)
        {
            problems.Add(new IngestionProblem("too_few_rows", 0, null, $"The file has {profile.RowCount} data rows; this dataset needs at least {contract.MinRows}."));
        }

        if (profile.Columns.Count < 2)
        {
            problems.Add(new IngestionProblem("no_features", 1, null, "The file has a single column: a model needs at least one feature besides the label. Is the separator a comma?"));
        }

        return problems;
    }
}
