using System.Data.Common;
using System.Globalization;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using Analytics.Core.Errors;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans.Configuration;
using Orleans.Connections.Security;

namespace Analytics.Cluster;

/// <summary>How a worker or the coordinator finds the cluster and secures its connections.</summary>
public sealed record ClusterConnection
{
    /// <summary>The Orleans cluster and service id every process of the engine uses.</summary>
    public const string ClusterId = "analytics";

    /// <summary>
    /// <c>localhost:PRIMARY_SILO_PORT</c> (development clustering on loopback) or a PostgreSQL connection string
    /// (<c>Host=…;Port=…;Username=…;Password=…;Database=…</c>) for Orleans' ADO.NET membership table.
    /// </summary>
    public required string Membership { get; init; }

    /// <summary>PKCS#12 file with this process's certificate and private key (no password); null = no TLS.</summary>
    public string? TlsCertificate { get; init; }

    /// <summary>PEM file of the CA that signs every member's certificate; peers it did not sign are refused.</summary>
    public string? TlsCa { get; init; }

    /// <summary>
    /// Hosted in a Kubernetes pod (<c>analytics worker --kubernetes</c>): the worker takes its name and advertised address
    /// from the pod (<c>POD_NAME</c>, <c>POD_NAMESPACE</c>, <c>POD_IP</c> from the downward API), listens on every
    /// address, and Orleans' Kubernetes hosting removes workers whose pods are gone from membership (and stops a worker
    /// whose pod was deleted). Needs PostgreSQL membership.
    /// </summary>
    public bool Kubernetes { get; init; }

    /// <summary>The pod environment variables <see cref="Kubernetes"/> hosting reads.</summary>
    public static IReadOnlyList<string> PodEnvironmentVariables { get; } = ["POD_NAME", "POD_NAMESPACE", "POD_IP"];

    /// <summary>The primary silo port when <see cref="Membership"/> is development clustering, else null.</summary>
    public int? DevelopmentPrimaryPort
    {
        get
        {
            const string prefix = "localhost:";
            if (!Membership.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                return null;
            }

            return int.TryParse(Membership.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out int port)
                && port is > 0 and < 65536
                ? port
                : throw new UsageException(
                    $"--membership '{Membership}' is not localhost:PORT with a port from 1 to 65535; give the primary worker's --port, "
                    + $"or a PostgreSQL connection string.");
        }
    }

    /// <summary>Checks the options before anything starts (exit code 2 on a mistake).</summary>
    public void Validate()
    {
        _ = DevelopmentPrimaryPort;
        if (DevelopmentPrimaryPort is null && !Membership.Contains("Host=", StringComparison.OrdinalIgnoreCase))
        {
            throw new UsageException(
                "--membership must be localhost:PORT (development clustering) or a PostgreSQL connection string such as "
                + "'Host=db;Port=5432;Username=orleans;Password=…;Database=orleans'.");
        }

        if (Kubernetes && DevelopmentPrimaryPort is not null)
        {
            throw new UsageException(
                "--kubernetes needs PostgreSQL membership (pods cannot share development clustering on loopback); give --membership "
                + "'Host=…;Port=5432;Username=…;Password=…;Database=…'.");
        }

        if ((TlsCertificate is null) != (TlsCa is null))
        {
            throw new UsageException("--tls-cert and --tls-ca go together: give both for mutual TLS, or neither.");
        }

        foreach (var (path, flag) in new[] { (TlsCertificate, "--tls-cert"), (TlsCa, "--tls-ca") })
        {
            if (path is not null && !File.Exists(path))
            {
                throw new UsageException($"The {flag} file '{path}' does not exist; check the path.");
            }
        }
    }

    /// <summary>
    /// With <see cref="Kubernetes"/>, checks that the pod's environment variables are set (<paramref name="environment"/>
    /// looks one up; null = not set) before the worker starts.
    /// </summary>
    public void ValidatePodEnvironment(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (!Kubernetes)
        {
            return;
        }

        var missing = new List<string>();
        foreach (string name in PodEnvironmentVariables)
        {
            if (string.IsNullOrWhiteSpace(environment(name))) missing.Add(name);
        }

        if (missing.Count > 0)
        {
            throw new UsageException(
                $"--kubernetes needs the pod's {string.Join(", ", PodEnvironmentVariables)} environment variables, but "
                + $"{ListOf(missing)} {(missing.Count == 1 ? "is" : "are")} not set; set them from the downward API "
                + "(fieldRef metadata.name, metadata.namespace, status.podIP) as deploy/kubernetes/worker.yaml does.");
        }

        if (string.IsNullOrWhiteSpace(environment("KUBERNETES_SERVICE_HOST")))
        {
            // Orleans' Kubernetes hosting talks to the API server with the pod's service account, found through this.
            throw new UsageException(
                "--kubernetes runs inside a Kubernetes pod only, and KUBERNETES_SERVICE_HOST (set by Kubernetes in every pod) is not "
                + "set; run the worker without --kubernetes elsewhere.");
        }

        if (!IPAddress.TryParse(environment("POD_IP"), out _))
        {
            throw new UsageException(
                $"POD_IP '{environment("POD_IP")}' is not an IP address; set it from the downward API (fieldRef status.podIP).");
        }
    }

    /// <summary>"A", "A and B", "A, B and C".</summary>
    private static string ListOf(List<string> items) =>
        items.Count == 1 ? items[0] : string.Join(", ", items.GetRange(0, items.Count - 1)) + " and " + items[^1];

    /// <summary>Configures a worker silo listening on <paramref name="siloPort"/> and <paramref name="gatewayPort"/>.</summary>
    public void ConfigureSilo(ISiloBuilder silo, int siloPort, int gatewayPort, IPAddress? advertise = null)
    {
        ArgumentNullException.ThrowIfNull(silo);
        if (Kubernetes)
        {
            // First, so the cluster id below wins over ORLEANS_CLUSTER_ID: the coordinator always looks for "analytics".
            silo.UseKubernetesHosting();
        }

        silo.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = ClusterId;
            o.ServiceId = ClusterId;
        });
        if (Kubernetes)
        {
            RegisterNpgsql();
            silo.UseAdoNetClustering(o =>
            {
                o.Invariant = "Npgsql";
                o.ConnectionString = Membership;
            });
            // The pod's address (checked by ValidatePodEnvironment), listening on every address. Set here rather than left
            // to Kubernetes hosting, whose default applies only when Orleans' own (the host name's address) has not.
            silo.Configure<EndpointOptions>(o =>
            {
                o.AdvertisedIPAddress = IPAddress.Parse(Environment.GetEnvironmentVariable("POD_IP") ?? "");
                o.SiloPort = siloPort;
                o.GatewayPort = gatewayPort;
                o.SiloListeningEndpoint = new IPEndPoint(IPAddress.Any, siloPort);
                o.GatewayListeningEndpoint = new IPEndPoint(IPAddress.Any, gatewayPort);
            });
        }
        else if (DevelopmentPrimaryPort is int primary)
        {
            silo.UseDevelopmentClustering(new IPEndPoint(IPAddress.Loopback, primary));
            silo.ConfigureEndpoints(advertise ?? IPAddress.Loopback, siloPort, gatewayPort, listenOnAnyHostAddress: false);
        }
        else
        {
            RegisterNpgsql();
            silo.UseAdoNetClustering(o =>
            {
                o.Invariant = "Npgsql";
                o.ConnectionString = Membership;
            });
            silo.ConfigureEndpoints(advertise ?? IPAddress.Loopback, siloPort, gatewayPort, listenOnAnyHostAddress: advertise is not null);
        }

        silo.Configure<ClusterMembershipOptions>(ConfigureMembership);
        silo.Configure<ConnectionOptions>(ConfigureConnections);
        silo.Configure<SiloMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromMinutes(30));
        if (LoadCertificates() is var (certificate, ca))
        {
            silo.UseTls(certificate, o => ConfigureTls(o, ca));
        }
    }

    /// <summary>Configures the coordinator's client; <paramref name="gateways"/> are the gateway ports for development
    /// clustering.</summary>
    public void ConfigureClient(IClientBuilder client, IReadOnlyList<int> gateways)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(gateways);
        client.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = ClusterId;
            o.ServiceId = ClusterId;
        });
        if (DevelopmentPrimaryPort is not null)
        {
            var endpoints = new IPEndPoint[gateways.Count];
            for (int i = 0; i < endpoints.Length; i++) endpoints[i] = new IPEndPoint(IPAddress.Loopback, gateways[i]);
            client.UseStaticClustering(endpoints);
        }
        else
        {
            RegisterNpgsql();
            client.UseAdoNetClustering(o =>
            {
                o.Invariant = "Npgsql";
                o.ConnectionString = Membership;
            });
        }

        client.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromMinutes(30));
        client.Configure<ConnectionOptions>(ConfigureConnections);
        if (LoadCertificates() is var (certificate, ca))
        {
            client.UseTls(certificate, o => ConfigureTls(o, ca));
        }
    }

    /// <summary>
    /// Death detection in seconds, not the default tens of seconds: a lost worker's tasks are retried as soon as the
    /// cluster declares it dead. A worker is declared dead after three missed probes (a probe's timeout starts at 2 s and
    /// Orleans stretches it up to 8 s for a slow peer or while the prober itself is starved) confirmed by a second silo
    /// (an indirect probe, or a second vote): so one starved worker cannot single-handedly declare a healthy one dead,
    /// while a killed one (its connections refused at once) is still declared dead within seconds. Probes are cheap at the
    /// handful of workers a run uses.
    /// </summary>
    private static void ConfigureMembership(ClusterMembershipOptions o)
    {
        o.ProbeTimeout = TimeSpan.FromSeconds(2);
        o.NumMissedProbesLimit = 3;
        o.NumVotesForDeathDeclaration = 2;
        o.ExtendProbeTimeoutDuringDegradation = true;
        o.EnableIndirectProbes = true;
        o.TableRefreshTimeout = TimeSpan.FromSeconds(5);
        o.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(10);
    }

    /// <summary>
    /// Opening a connection (with its TLS handshake) may take 20 s, not Orleans' 5: on a starved machine a handshake can
    /// take longer than 5 s, and a worker starting up that cannot reach every member in time is refused and stops. A
    /// dead peer still fails at once (its port refuses the connection); probes have their own timeouts.
    /// </summary>
    private static void ConfigureConnections(ConnectionOptions o) => o.OpenConnectionTimeout = HandshakeTimeout;

    private static readonly TimeSpan HandshakeTimeout = TimeSpan.FromSeconds(20);

    private (X509Certificate2 Certificate, X509Certificate2 Ca)? LoadCertificates()
    {
        if (TlsCertificate is null || TlsCa is null)
        {
            return null;
        }

        var certificate = X509CertificateLoader.LoadPkcs12FromFile(TlsCertificate, password: null, X509KeyStorageFlags.Exportable);
        var ca = X509Certificate2.CreateFromPem(File.ReadAllText(TlsCa));
        return (certificate, ca);
    }

    /// <summary>Mutual TLS: both sides present a certificate, and a peer's must chain to the given CA (and only to it).</summary>
    private static void ConfigureTls(TlsOptions o, X509Certificate2 ca)
    {
        o.HandshakeTimeout = HandshakeTimeout;
        o.RemoteCertificateMode = RemoteCertificateMode.RequireCertificate;
        o.ClientCertificateMode = RemoteCertificateMode.RequireCertificate;
        o.RemoteCertificateValidation = (certificate, _, _) => IsSignedBy(certificate, ca);
    }

    /// <summary>True when <paramref name="certificate"/> chains to <paramref name="ca"/> as the only trusted root.</summary>
    internal static bool IsSignedBy(X509Certificate2? certificate, X509Certificate2 ca)
    {
        if (certificate is null)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationFlags = X509VerificationFlags.NoFlag;
        return chain.Build(certificate);
    }

    private static void RegisterNpgsql()
    {
        if (!DbProviderFactories.TryGetFactory("Npgsql", out _))
        {
            DbProviderFactories.RegisterFactory("Npgsql", NpgsqlFactory.Instance);
        }
    }
}
