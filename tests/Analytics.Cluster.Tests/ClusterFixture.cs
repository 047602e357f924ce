using Analytics.IO.Generation;
using Analytics.IO.Reading;
using Analytics.Pipeline;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.TestingHost;

namespace Analytics.Cluster.Tests;

/// <summary>
/// Generated data with planted defects (every reject kind, duplicated keys included), cut into several files and row
/// groups so a run has many splits; its embedded `score` run; and a 3-silo test cluster.
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public string Root { get; } = Path.Combine(Path.GetTempPath(), "analytics-cluster-" + Guid.NewGuid().ToString("N"));

    public string Input => Path.Combine(Root, "input");

    public string Config => Path.Combine(Root, "config.yaml");

    public string Embedded => Path.Combine(Root, "embedded", "latest");

    public TestCluster Cluster { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Root);
        await SyntheticDataGenerator.GenerateAsync(new GeneratorOptions
        {
            Customers = 1500, Seed = 7, OutputDirectory = Input, Format = TableFileFormat.Parquet, InjectDefects = true,
            RowGroupSize = 4000, FeeRowsPerFile = 30_000,
        });
        string config = await File.ReadAllTextAsync(Path.Combine(RepoRoot(), "data-samples", "config.yaml"));
        // The planted defects are a larger share of a small portfolio than the default gate allows.
        config = config.Replace("run: { max_reject_rate: 0.01 }", "run: { max_reject_rate: 0.5 }", StringComparison.Ordinal);
        await File.WriteAllTextAsync(Config, config);
        await ScoringPipeline.RunAsync(Options(Embedded), NullRunLog.Instance);

        var builder = new TestClusterBuilder(3);
        builder.AddSiloBuilderConfigurator<SiloConfigurator>();
        builder.AddClientBuilderConfigurator<ClientConfigurator>();
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public ScoreOptions Options(string output, bool includeNames = false) => new()
    {
        InputDirectory = Input, ConfigPath = Config, OutputDirectory = output, Threads = 2, IncludeNames = includeNames,
    };

    public async Task DisposeAsync()
    {
        if (Cluster is not null)
        {
            await Cluster.DisposeAsync();
        }

        if (Directory.Exists(Root)) Directory.Delete(Root, recursive: true);
    }

    public static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Analytics.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Repository root not found.");
    }

    private sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder)
        {
            siloBuilder.Configure<ClusterMembershipOptions>(o =>
            {
                o.ProbeTimeout = TimeSpan.FromSeconds(1);
                o.NumMissedProbesLimit = 2;
                o.NumVotesForDeathDeclaration = 1;
            });
            // Idle unless a test sets WireCapture.Sink (ConfidentialityTests).
            siloBuilder.AddIncomingGrainCallFilter<WireCapture>();
            // As `analytics worker --threads 2`: every partition task of these tests validates on two threads.
            siloBuilder.Services.AddSingleton(new WorkerSettings { Threads = 2 });
        }
    }

    private sealed class ClientConfigurator : IClientBuilderConfigurator
    {
        public void Configure(Microsoft.Extensions.Configuration.IConfiguration configuration, IClientBuilder clientBuilder)
        {
        }
    }
}

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}
