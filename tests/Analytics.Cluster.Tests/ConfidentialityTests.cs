using System.Collections.Concurrent;
using System.Text;
using System.Text.RegularExpressions;
using Orleans.Serialization;

namespace Analytics.Cluster.Tests;

/// <summary>
/// Customer names (the generator's <c>customer_name</c>, listed in the config's <c>confidential_columns</c>) never cross
/// the wire or reach shared storage unless <c>--include-names</c> is given: every grain call's arguments and result, as
/// Orleans serialises them, and every file written under the run's folders while the run goes on, are searched for
/// them. With <c>--include-names</c> the same search finds them, so it can fail.
/// </summary>
[Collection(ClusterCollection.Name)]
[Trait("Speed", "Slow")]
public sealed partial class ConfidentialityTests(ClusterFixture fixture)
{
    [Fact]
    public async Task Without_include_names_no_name_crosses_the_wire_or_reaches_shared_storage()
    {
        var (wire, files, log, output) = await CaptureRunAsync("names-off", includeNames: false);

        Assert.NotEmpty(wire);
        Assert.Contains(files.Keys, f => f.Contains(".cluster", StringComparison.Ordinal));
        Assert.Empty(Names(wire));
        foreach (var (file, bytes) in files)
        {
            Assert.True(Names([bytes]).Count == 0, $"A customer name was written to {file}.");
        }

        Assert.Empty(Names(log.Select(Encoding.UTF8.GetBytes)));
        foreach (var file in Directory.EnumerateFiles(output, "*", SearchOption.AllDirectories))
        {
            Assert.True(Names([File.ReadAllBytes(file)]).Count == 0, $"A customer name was published in {file}.");
        }
    }

    [Fact]
    public async Task With_include_names_the_same_search_finds_the_names()
    {
        var (_, files, log, _) = await CaptureRunAsync("names-on", includeNames: true);

        // Shuffle and partition files carry the customers' rows with their names: one name per accepted customer at least.
        var found = Names(files.Values);
        Assert.True(found.Count >= 1000, $"Only {found.Count} distinct names were found in the run's files.");
        // Still never in the log.
        Assert.Empty(Names(log.Select(Encoding.UTF8.GetBytes)));
    }

    private async Task<(List<byte[]> Wire, ConcurrentDictionary<string, byte[]> Files, IReadOnlyList<string> Log, string Output)>
        CaptureRunAsync(string name, bool includeNames)
    {
        var wire = new List<byte[]>();
        var files = new ConcurrentDictionary<string, byte[]>(StringComparer.Ordinal);
        string runs = Path.Combine(fixture.Root, name);
        string output = Path.Combine(runs, "latest");
        WireCapture.Sink = (bytes, _) =>
        {
            lock (wire) wire.Add(bytes);
        };
        // After every call, every file under the run's folders (staging and scratch area: shuffle and partition files),
        // as it is at that moment; a file rewritten later is read again.
        WireCapture.AfterCall = () =>
        {
            foreach (var file in Directory.EnumerateFiles(runs, "*", SearchOption.AllDirectories))
            {
                try
                {
                    // Read without .NET's advisory lock, which would make the run's exclusive opens fail meanwhile.
                    files[file + "@" + File.GetLastWriteTimeUtc(file).Ticks.ToString(System.Globalization.CultureInfo.InvariantCulture)] =
                        UnlockedFile.ReadAllBytes(file);
                }
                catch (IOException)
                {
                    // Renamed or removed between listing and reading: its final version is read after a later call.
                }
                catch (UnauthorizedAccessException)
                {
                }
            }
        };
        var log = new ListLog();
        try
        {
            Directory.CreateDirectory(runs);
            var coordinator = new Coordinator(fixture.Cluster.Client, log, new CoordinatorOptions { Partitions = 3 });
            await coordinator.RunAsync(fixture.Options(output, includeNames)).WaitAsync(TimeSpan.FromMinutes(5));
        }
        finally
        {
            WireCapture.Sink = null;
            WireCapture.AfterCall = null;
        }

        return (wire, files, log.Lines, output);
    }

    /// <summary>The distinct generated names (<c>Customer 0000123 Ltd</c>) in <paramref name="blobs"/>, read as UTF-8.</summary>
    private static HashSet<string> Names(IEnumerable<byte[]> blobs)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var blob in blobs)
        {
            foreach (Match m in GeneratedName().Matches(Encoding.UTF8.GetString(blob))) names.Add(m.Value);
        }

        return names;
    }

    [GeneratedRegex("Customer [0-9]+ Ltd")]
    private static partial Regex GeneratedName();

}

/// <summary>
/// A grain call filter in the test silos: while a test sets <see cref="Sink"/>, hands it every call's arguments and
/// result serialised exactly as Orleans puts them on the wire, and calls <see cref="AfterCall"/> when a call has run.
/// </summary>
internal sealed class WireCapture(Serializer serializer) : IIncomingGrainCallFilter
{
    public static Action<byte[], string>? Sink { get; set; }

    public static Action? AfterCall { get; set; }

    public async Task Invoke(IIncomingGrainCallContext context)
    {
        var sink = Sink;
        if (sink is null)
        {
            await context.Invoke();
            return;
        }

        for (int i = 0; i < context.Request.GetArgumentCount(); i++)
        {
            // A cancellation token is not data (Orleans carries it as a cancellation id of its own).
            if (context.Request.GetArgument(i) is not (null or CancellationToken) and var argument)
            {
                sink(serializer.SerializeToArray(argument), context.MethodName);
            }
        }

        await context.Invoke();
        sink(serializer.SerializeToArray(context.Response), context.MethodName);
        AfterCall?.Invoke();
    }
}
