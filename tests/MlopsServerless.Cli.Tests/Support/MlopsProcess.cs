using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace MlopsServerless.Cli.Tests.Support;

/// <summary>Runs the real <c>mlops</c> program (the built mlops.dll beside the tests) as a child process.</summary>
public sealed class MlopsProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private MlopsProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => { lock (_output) { _output.AppendLine(e.Data); } };
        _process.ErrorDataReceived += (_, e) => { lock (_output) { _output.AppendLine(e.Data); } };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public string Output
    {
        get { lock (_output) { return _output.ToString(); } }
    }

    public int Id => _process.Id;

    public static MlopsProcess Start(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "mlops.dll"));
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment.Remove("MLOPS_API_KEY");
        info.Environment.Remove("MLOPS_DATA_DIR");
        return new MlopsProcess(Process.Start(info)!);
    }

    /// <summary>Runs to the end and returns the exit code and everything it printed.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(TimeSpan timeout, params string[] args)
    {
        using var process = Start(args);
        using var cts = new CancellationTokenSource(timeout);
        await process._process.WaitForExitAsync(cts.Token);
        process._process.WaitForExit();
        return (process._process.ExitCode, process.Output);
    }

    /// <summary>SIGKILL: no shutdown code runs, exactly like a crash or an out-of-memory kill.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            Kill();
        }

        _process.Dispose();
    }
}
