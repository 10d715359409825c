using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace MlopsServerless.Azure.Tests.Support;

/// <summary>
/// Runs the real Azurite emulator (tools/azurite, installed by ./test.sh; <c>azurite.js</c> serves blobs, queues and
/// tables) on 127.0.0.1 for one test collection, on free ports with a throwaway data folder, and kills it when the
/// collection ends.
/// </summary>
public sealed class AzuriteFixture : IDisposable
{
    // Azurite's fixed development account; not a secret.
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(60);
    private Process _process;
    private readonly string _location;
    private readonly StringBuilder _output = new();

    public AzuriteFixture()
    {
        var root = RepositoryRoot();
        var main = Path.Combine(root, "tools", "azurite", "node_modules", "azurite", "dist", "src", "azurite.js");
        if (!File.Exists(main))
        {
            throw new InvalidOperationException(
                $"Azurite is not installed ({main} is missing). Run ./test.sh from the repository root, or `npm ci` in tools/azurite.");
        }

        _location = Path.Combine(Path.GetTempPath(), "mlops-azurite", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_location);
        // Another process may take a free port between our probe and Azurite's bind; then Azurite exits and we try
        // the next free ports.
        for (var attempt = 1; ; attempt++)
        {
            (BlobPort, QueuePort, TablePort) = FreePorts();
            _process = Start(main);
            try
            {
                WaitUntilListening();
                return;
            }
            catch (InvalidOperationException) when (attempt < 3 && _process.HasExited)
            {
                _process.Dispose();
            }
            catch
            {
                Dispose();
                throw;
            }
        }
    }

    public int BlobPort { get; private set; }

    public int QueuePort { get; private set; }

    public int TablePort { get; private set; }

    /// <summary>A connection string for Azurite's development account with this fixture's blob and table endpoints.</summary>
    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AccountKey};BlobEndpoint=http://127.0.0.1:{BlobPort}/devstoreaccount1;TableEndpoint=http://127.0.0.1:{TablePort}/devstoreaccount1;";

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        _process.Dispose();
        try
        {
            Directory.Delete(_location, recursive: true);
        }
        catch (IOException)
        {
            // The OS temp cleaner takes what is left.
        }
    }

    private Process Start(string main)
    {
        var info = new ProcessStartInfo("node")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
                 {
                     main, "--blobHost", "127.0.0.1", "--blobPort", BlobPort.ToString(), "--queueHost", "127.0.0.1", "--queuePort", QueuePort.ToString(),
                     "--tableHost", "127.0.0.1", "--tablePort", TablePort.ToString(), "--location", _location,
                     "--silent", "--skipApiVersionCheck", "--loose",
                 })
        {
            info.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => Record(e.Data);
        process.ErrorDataReceived += (_, e) => Record(e.Data);
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("Could not start `node` for Azurite: is Node.js on PATH?", e);
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private void Record(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }

    private void WaitUntilListening()
    {
        var deadline = DateTime.UtcNow + StartLimit;
        foreach (var port in new[] { BlobPort, QueuePort, TablePort })
        {
            WaitUntilListening(port, deadline);
        }
    }

    private void WaitUntilListening(int port, DateTime deadline)
    {
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"Azurite exited with code {_process.ExitCode} before listening on port {port}:\n{Output()}");
            }

            try
            {
                using var client = new TcpClient();
                client.Connect(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                // Not listening yet: wait for the process to exit or a short poll interval, whichever comes first.
                _process.WaitForExit(50);
            }
            catch (SocketException e)
            {
                throw new TimeoutException($"Azurite did not listen on port {port} within {StartLimit.TotalSeconds:0} s:\n{Output()}", e);
            }
        }
    }

    private string Output()
    {
        lock (_output)
        {
            return _output.ToString();
        }
    }

    private static (int Blob, int Queue, int Table) FreePorts()
    {
        // Held together while probing, so the three are distinct.
        var listeners = Enumerable.Range(0, 3).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        listeners.ForEach(l => l.Start());
        var ports = listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToList();
        listeners.ForEach(l => l.Stop());
        return (ports[0], ports[1], ports[2]);
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "MlopsServerless.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No MlopsServerless.sln above {AppContext.BaseDirectory}; run the tests from the repository.");
    }
}
