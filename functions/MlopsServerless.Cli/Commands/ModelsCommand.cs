using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using MlopsServerless.Cli.Hosting;
using MlopsServerless.Core.Errors;
using MlopsServerless.Core.Registry;

namespace MlopsServerless.Cli.Commands;

/// <summary><c>mlops models</c>: list, show, promote, rollback, audit.</summary>
internal static class ModelsCommand
{
    public static Command Create(Option<string> dataDir)
    {
        var command = new Command("models", "The model registry: list models, show versions, change stages, roll back.");
        var list = new Command("list", "List registered models.");
        Func<ParseResult, CancellationToken, Task<int>> listModels = (parse, ct) => WithRegistry(parse, dataDir, async registry =>
        {
            var models = await registry.ListAsync(ct);
            if (models.Count == 0)
            {
                Console.WriteLine("no models yet: run ./mlops demo or ./mlops run FILE");
            }

            foreach (var m in models)
            {
                Console.WriteLine($"{m.Name,-20} versions {m.Versions.Count,3}  production {(m.Production is { } p ? "v" + p.Version : "-"),-5} {Print.Metrics(m.Production?.Metrics, "auc", "accuracy", "rmse", "r2")}");
            }

            return 0;
        });
        list.SetAction(listModels);

        var name = new Argument<string>("name") { Description = "Model name." };
        var show = new Command("show", "Show a model's versions, stages and aliases.") { name };
        show.SetAction((parse, ct) => WithRegistry(parse, dataDir, async registry =>
        {
            var model = await registry.GetRequiredAsync(parse.GetValue(name)!, ct);
            foreach (var v in model.Versions)
            {
                var aliases = string.Join(",", model.Aliases.Where(a => a.Value == v.Version).Select(a => a.Key));
                Console.WriteLine($"v{v.Version,-4} {v.Stage,-10} {v.Algorithm,-7} dataset {v.Dataset}@{v.DatasetVersion} run {v.RunId} {Print.Metrics(v.Metrics, "auc", "accuracy", "rmse")} {aliases}");
            }

            return 0;
        }));

        var version = new Argument<int>("version") { Description = "Version number." };
        var stage = new Option<Stage>("--stage") { Description = "Target stage.", DefaultValueFactory = _ => Stage.Production };
        var reason = new Option<string>("--reason") { Description = "Why (kept in the audit log).", Required = true };
        var promote = new Command("promote", "Move a version to a stage (Production by default).") { name, version, stage, reason };
        promote.SetAction((parse, ct) => WithRegistry(parse, dataDir, async registry =>
        {
            var change = await registry.SetStageAsync(parse.GetValue(name)!, parse.GetValue(version), parse.GetValue(stage), Actor(), parse.GetValue(reason)!, ct);
            Console.WriteLine(change.Changed ? $"v{change.Version}: {change.From} -> {change.To}{(change.ReplacedProduction is { } r ? $" (v{r} archived)" : "")}" : $"v{change.Version} is already {change.To}");
            return 0;
        }));

        var rollback = new Command("rollback", "Put the previous Production version back into Production.") { name, reason };
        rollback.SetAction((parse, ct) => WithRegistry(parse, dataDir, async registry =>
        {
            var change = await registry.RollbackAsync(parse.GetValue(name)!, Actor(), parse.GetValue(reason)!, ct);
            Console.WriteLine($"v{change.Version} is Production again{(change.ReplacedProduction is { } r ? $"; v{r} archived" : "")}");
            return 0;
        }));

        var limit = new Option<int>("--limit") { Description = "How many entries to show, newest first (0: all of them).", DefaultValueFactory = _ => 20 };
        var audit = new Command("audit", "Show who changed which stage or alias, when and why, newest first.") { name, limit };
        audit.SetAction((parse, ct) => WithRegistry(parse, dataDir, async registry =>
        {
            var wanted = parse.GetValue(limit);
            if (wanted < 0)
            {
                throw MlopsException.InvalidArgument("--limit must be 0 (all) or more.");
            }

            // A page at a time, so showing the last few changes never reads the whole log.
            var (shown, token) = (0, (string?)null);
            do
            {
                var size = wanted == 0 ? ModelRegistry.MaxAuditPageSize : Math.Min(wanted - shown, ModelRegistry.MaxAuditPageSize);
                var page = await registry.AuditPageAsync(parse.GetValue(name)!, size, token, ct);
                foreach (var e in page.Entries)
                {
                    Console.WriteLine($"{e.Time:u} {e.Actor,-30} v{e.Version} {e.Action} {e.From} -> {e.To}: {e.Reason}");
                }

                (shown, token) = (shown + page.Entries.Count, page.NextPageToken);
            }
            while (token is not null && (wanted == 0 || shown < wanted));

            if (token is not null)
            {
                Console.WriteLine($"(earlier entries not shown: --limit {wanted * 2} or --limit 0 for all)");
            }

            return 0;
        }));

        command.Subcommands.Add(list);
        command.Subcommands.Add(show);
        command.Subcommands.Add(promote);
        command.Subcommands.Add(rollback);
        command.Subcommands.Add(audit);
        command.SetAction(listModels);
        return command;
    }

    private static string Actor() => "cli:" + Environment.UserName;

    private static Task<int> WithRegistry(ParseResult parse, Option<string> dataDir, Func<ModelRegistry, Task<int>> body) => CommandRunner.RunAsync(async () =>
    {
        await using var services = LocalServices.ForCommand(parse.GetValue(dataDir)!);
        return await body(services.GetRequiredService<ModelRegistry>());
    });
}
