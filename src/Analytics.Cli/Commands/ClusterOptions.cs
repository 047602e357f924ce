using System.CommandLine;
using Analytics.Cluster;
using Analytics.Core.Errors;

namespace Analytics.Cli.Commands;

/// <summary>Options shared by <c>worker</c> and <c>cluster-score</c>.</summary>
internal static class ClusterOptions
{
    public static Option<string> Membership() => new("--membership")
    {
        HelpName = "DSN",
        Description = "localhost:PRIMARY_SILO_PORT (development clustering on one machine) or a PostgreSQL connection string (Orleans ADO.NET membership).",
        Required = true,
    };

    public static Option<string?> TlsCert() => new("--tls-cert")
    {
        HelpName = "PATH",
        Description = "PKCS#12 file (certificate and private key, no password) for mutual TLS; always give it outside a laptop.",
    };

    public static Option<string?> TlsCa() => new("--tls-ca")
    {
        HelpName = "PATH",
        Description = "PEM file of the CA that signed every member's certificate; peers it did not sign are refused.",
    };

    public static int Port(int port, string flag) => port is > 0 and < 65536
        ? port
        : throw new UsageException($"{flag} must be a port from 1 to 65535, not {port}.");

    public static ClusterConnection Connection(ParseResult parse, Option<string> membership, Option<string?> tlsCert, Option<string?> tlsCa)
    {
        var connection = new ClusterConnection
        {
            Membership = parse.GetValue(membership)!,
            TlsCertificate = parse.GetValue(tlsCert),
            TlsCa = parse.GetValue(tlsCa),
        };
        connection.Validate();
        return connection;
    }
}
