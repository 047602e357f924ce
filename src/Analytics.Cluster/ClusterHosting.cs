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

    /// <summary>Configures a worker silo listening on <paramref name="siloPort"/> and <paramref name="gatewayPort"/>.</summary>
    public void ConfigureSilo(ISiloBuilder silo, int siloPort, int gatewayPort, IPAddress? advertise = null)
    {
        ArgumentNullException.ThrowIfNull(silo);
        silo.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = ClusterId;
            o.ServiceId = ClusterId;
        });
        if (DevelopmentPrimaryPort is int primary)
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
