using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;

namespace Analytics.Tests.Writing;

/// <summary>
/// Other Parquet implementations through node: the scripts of scripts/parquet-interop (arrow-rs through parquet-wasm,
/// polars, parquetjs). Their packages are installed once per machine with <c>npm ci</c> from the committed lock file,
/// into a temp folder named by the hash of the scripts and the lock file; a lock file keeps parallel test processes
/// from installing at once. Node and the npm registry are required: without them the tests fail, saying so.
/// </summary>
internal static class NodeParquet
{
    private static readonly SemaphoreSlim InProcess = new(1, 1);
    private static string? _installed;

    /// <summary>Runs <c>node SCRIPT ARGS</c> in the installed folder; returns stdout, or fails with stderr.</summary>
    public static async Task<string> RunAsync(string script, params string[] arguments)
    {
        string folder = await EnsureInstalledAsync();
        var (exit, stdout, stderr) = await RunProcessAsync("node", folder, [Path.Combine(folder, script), .. arguments]);
        if (exit != 0)
        {
            throw new InvalidOperationException($"node {script} failed with exit {exit}: {stderr}");
        }

        return stdout;
    }

    private static async Task<string> EnsureInstalledAsync()
    {
        await InProcess.WaitAsync();
        try
        {
            if (_installed is not null) return _installed;
            string source = Path.Combine(RepoPaths.Root(), "scripts", "parquet-interop");
            var files = Directory.GetFiles(source).Where(f => !f.EndsWith(".md", StringComparison.Ordinal)).Order(StringComparer.Ordinal)
                .ToArray();
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            foreach (string file in files)
            {
                hash.AppendData(Encoding.UTF8.GetBytes(Path.GetFileName(file)));
                hash.AppendData(File.ReadAllBytes(file));
            }

            string key = Convert.ToHexStringLower(hash.GetHashAndReset())[..16];
            string folder = Path.Combine(Path.GetTempPath(), "analytics-parquet-interop-" + key);
            string marker = Path.Combine(folder, ".installed");
            using (await AcquireLockAsync(folder + ".lock"))
            {
                if (!File.Exists(marker))
                {
                    if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
                    Directory.CreateDirectory(folder);
                    foreach (string file in files) File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
                    var (exit, stdout, stderr) = await RunProcessAsync("npm", folder, ["ci", "--no-audit", "--no-fund"]);
                    if (exit != 0)
                    {
                        throw new InvalidOperationException(
                            $"npm ci in {folder} failed with exit {exit} (node and the npm registry are required): {stdout}{stderr}");
                    }

                    await File.WriteAllTextAsync(marker, "ok");
                }
            }

            return _installed = folder;
        }
        finally
        {
            InProcess.Release();
        }
    }

    /// <summary>An exclusive lock across processes: a file opened without sharing, retried for up to ten minutes.</summary>
    private static async Task<FileStream> AcquireLockAsync(string path)
    {
        var deadline = DateTime.UtcNow.AddMinutes(10);
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(200);
            }
        }
    }

    private static async Task<(int Exit, string Stdout, string Stderr)> RunProcessAsync(string program, string folder,
        IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout, await stderr);
    }
}
