using MlopsServerless.Bench;

// ours --csv FILE --label y_bin|y_reg --algorithm NAME --out FILE.json   train + predict one of our trainers
//      [--set k=v,k=v] [--name ROW_NAME] [--repeat N]                       parameters on top; the table row's name; repeat index
// report --results DIR                                                   print the combined table (markdown)
return args.FirstOrDefault() switch
{
    "ours" => await OursRunner.RunAsync(BenchArgs.Parse(args.Skip(1))),
    "report" => ResultsTable.Print(BenchArgs.Parse(args.Skip(1))),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: MlopsServerless.Bench ours --csv FILE --label L --algorithm A --out FILE | report --results DIR");
    return 2;
}
