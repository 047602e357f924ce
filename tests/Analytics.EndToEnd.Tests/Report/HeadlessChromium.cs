using System.Diagnostics;

namespace Analytics.Tests.Report;

/// <summary>
/// Runs Debian's headless Chromium with the network shut out: no background services, no QUIC, no first-run or sync
/// traffic, a fresh profile, and every host name resolving to nothing. The test installs nothing; .ci/run calls
/// scripts/ensure-chromium.sh before the tests.
/// </summary>
internal static class HeadlessChromium
{
    public const string Path = "/usr/bin/chromium";

    public static bool Installed => File.Exists(Path);

    /// <summary>Runs Chromium on <paramref name="url"/> with extra <paramref name="arguments"/>; returns stdout.</summary>
    public static string Run(string url, params string[] arguments)
    {
        Assert.True(Installed,
            $"{Path} is missing; run scripts/ensure-chromium.sh (as .ci/run does) to install Debian's chromium package.");
        string profile = Directory.CreateTempSubdirectory("analytics-chromium-").FullName;
        try
        {
            var start = new ProcessStartInfo(Path)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (string a in new[]
            {
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-default-apps", "--disable-extensions", "--no-default-browser-check",
                "--host-resolver-rules=MAP * ~NOTFOUND", $"--user-data-dir={profile}",
            })
            {
                start.ArgumentList.Add(a);
            }

            foreach (string a in arguments)
            {
                start.ArgumentList.Add(a);
            }

            start.ArgumentList.Add(url);
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromSeconds(90)))
            {
                process.Kill(entireProcessTree: true);
                Assert.Fail("Chromium did not finish within 90 s.");
            }

            Assert.True(process.ExitCode == 0, $"Chromium exited with {process.ExitCode}: {stderr.Result}");
            return stdout.Result;
        }
        finally
        {
            try
            {
                Directory.Delete(profile, recursive: true);
            }
            catch (IOException)
            {
                // Chromium may still be flushing its profile; a temp folder left behind is harmless.
            }
        }
    }
}
