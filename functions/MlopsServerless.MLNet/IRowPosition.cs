namespace MlopsServerless.MLNet;

/// <summary>Where a <see cref="TableDataView"/> getter reads: a table and a row in it, both of which may move.</summary>
internal interface IRowPosition
{
    TableDataView View { get; }

    int Row { get; }
}
