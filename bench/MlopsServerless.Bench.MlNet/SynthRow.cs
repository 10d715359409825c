using Microsoft.ML.Data;

namespace MlopsServerless.Bench.MlNet;

#pragma warning disable IDE1006, SA1300 // the CSV's and the JSON body's column names
/// <summary>One row of bench/.data/synth_*.csv (x0..x19 numeric, c0..c3 categorical, y_bin; y_reg is not read).</summary>
public sealed class SynthRow
{
    [LoadColumn(0)]
    public float x0 { get; set; }

    [LoadColumn(1)]
    public float x1 { get; set; }

    [LoadColumn(2)]
    public float x2 { get; set; }

    [LoadColumn(3)]
    public float x3 { get; set; }

    [LoadColumn(4)]
    public float x4 { get; set; }

    [LoadColumn(5)]
    public float x5 { get; set; }

    [LoadColumn(6)]
    public float x6 { get; set; }

    [LoadColumn(7)]
    public float x7 { get; set; }

    [LoadColumn(8)]
    public float x8 { get; set; }

    [LoadColumn(9)]
    public float x9 { get; set; }

    [LoadColumn(10)]
    public float x10 { get; set; }

    [LoadColumn(11)]
    public float x11 { get; set; }

    [LoadColumn(12)]
    public float x12 { get; set; }

    [LoadColumn(13)]
    public float x13 { get; set; }

    [LoadColumn(14)]
    public float x14 { get; set; }

    [LoadColumn(15)]
    public float x15 { get; set; }

    [LoadColumn(16)]
    public float x16 { get; set; }

    [LoadColumn(17)]
    public float x17 { get; set; }

    [LoadColumn(18)]
    public float x18 { get; set; }

    [LoadColumn(19)]
    public float x19 { get; set; }

    [LoadColumn(20)]
    public string c0 { get; set; } = "";

    [LoadColumn(21)]
    public string c1 { get; set; } = "";

    [LoadColumn(22)]
    public string c2 { get; set; } = "";

    [LoadColumn(23)]
    public string c3 { get; set; } = "";

    [LoadColumn(24)]
    [ColumnName("Label")]
    public bool y_bin { get; set; }
}
#pragma warning restore IDE1006, SA1300
