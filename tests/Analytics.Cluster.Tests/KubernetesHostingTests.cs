using System.Net;
using Analytics.Core.Errors;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace Analytics.Cluster.Tests;

/// <summary><c>analytics worker --kubernetes</c>: Orleans' Kubernetes hosting wired into the silo, from the pod's environment.</summary>
// The pod's environment variables are process-wide: no other test of this assembly may run beside these.
[Collection(ClusterCollection.Name)]
public sealed class KubernetesHostingTests
{
    private const string Postgres = "Host=db;Port=5432;Username=orleans;Password=secret;Database=orleans";

    [Fact]
    public void Missing_pod_variables_are_named_in_one_sentence()
    {
        var connection = new ClusterConnection { Membership = Postgres, Kubernetes = true };
        var env = new Dictionary<string, string?> { ["POD_NAME"] = "analytics-worker-0" };

        var e = Assert.Throws<UsageException>(() => connection.ValidatePodEnvironment(n => env.GetValueOrDefault(n)));

        Assert.Equal(
            "--kubernetes needs the pod's POD_NAME, POD_NAMESPACE, POD_IP environment variables, but POD_NAMESPACE and POD_IP are not "
            + "set; set them from the downward API (fieldRef metadata.name, metadata.namespace, status.podIP) as "
            + "deploy/kubernetes/worker.yaml does.", e.Message);
    }

    [Fact]
    public void A_pod_ip_that_is_not_an_address_is_refused()
    {
        var connection = new ClusterConnection { Membership = Postgres, Kubernetes = true };
        var env = new Dictionary<string, string?>
        {
            ["POD_NAME"] = "w", ["POD_NAMESPACE"] = "bank", ["POD_IP"] = "pod-ip", ["KUBERNETES_SERVICE_HOST"] = "10.0.0.1",
        };

        var e = Assert.Throws<UsageException>(() => connection.ValidatePodEnvironment(n => env.GetValueOrDefault(n)));

        Assert.Equal("POD_IP 'pod-ip' is not an IP address; set it from the downward API (fieldRef status.podIP).", e.Message);
    }

    [Fact]
    public void Outside_a_pod_kubernetes_hosting_is_refused()
    {
        var connection = new ClusterConnection { Membership = Postgres, Kubernetes = true };
        var env = new Dictionary<string, string?> { ["POD_NAME"] = "w", ["POD_NAMESPACE"] = "bank", ["POD_IP"] = "10.42.3.17" };

        var e = Assert.Throws<UsageException>(() => connection.ValidatePodEnvironment(n => env.GetValueOrDefault(n)));

        Assert.Equal(
            "--kubernetes runs inside a Kubernetes pod only, and KUBERNETES_SERVICE_HOST (set by Kubernetes in every pod) is not set; "
            + "run the worker without --kubernetes elsewhere.", e.Message);
    }

    [Fact]
    public void Without_kubernetes_the_pod_environment_is_not_needed()
    {
        var connection = new ClusterConnection { Membership = Postgres };
        connection.ValidatePodEnvironment(_ => null);
    }

    [Fact]
    public void Kubernetes_needs_postgresql_membership()
    {
        var connection = new ClusterConnection { Membership = "localhost:11111", Kubernetes = true };

        var e = Assert.Throws<UsageException>(connection.Validate);

        Assert.Equal(
            "--kubernetes needs PostgreSQL membership (pods cannot share development clustering on loopback); give --membership "
            + "'Host=…;Port=5432;Username=…;Password=…;Database=…'.", e.Message);
    }

    [Fact]
    public void The_silo_takes_its_name_and_address_from_the_pod_and_keeps_the_engines_cluster_id()
    {
        var saved = new Dictionary<string, string?>();
        var pod = new Dictionary<string, string>
        {
            ["POD_NAME"] = "analytics-worker-7c9d", ["POD_NAMESPACE"] = "bank", ["POD_IP"] = "10.42.3.17",
            ["KUBERNETES_SERVICE_HOST"] = "10.0.0.1",
            // Even if the pod names another cluster, the coordinator looks for "analytics".
            ["ORLEANS_CLUSTER_ID"] = "other",
        };
        foreach (var (name, value) in pod)
        {
            saved[name] = Environment.GetEnvironmentVariable(name);
            Environment.SetEnvironmentVariable(name, value);
        }

        try
        {
            var connection = new ClusterConnection { Membership = Postgres, Kubernetes = true };
            connection.ValidatePodEnvironment(Environment.GetEnvironmentVariable);
            var builder = Host.CreateApplicationBuilder();
            builder.UseOrleans(silo => connection.ConfigureSilo(silo, 11111, 30000));

            // Orleans' Kubernetes agent (it watches the pods and removes dead ones from membership) is part of the silo.
            Assert.Contains(builder.Services, d => d.ImplementationType?.FullName == "Orleans.Hosting.Kubernetes.KubernetesClusterAgent");
            using var host = builder.Build();
            var endpoints = host.Services.GetRequiredService<IOptions<EndpointOptions>>().Value;
            Assert.Equal(IPAddress.Parse("10.42.3.17"), endpoints.AdvertisedIPAddress);
            Assert.Equal(11111, endpoints.SiloPort);
            Assert.Equal(30000, endpoints.GatewayPort);
            Assert.Equal(new IPEndPoint(IPAddress.Any, 11111), endpoints.SiloListeningEndpoint);
            Assert.Equal(new IPEndPoint(IPAddress.Any, 30000), endpoints.GatewayListeningEndpoint);
            Assert.Equal("analytics-worker-7c9d", host.Services.GetRequiredService<IOptions<SiloOptions>>().Value.SiloName);
            var cluster = host.Services.GetRequiredService<IOptions<ClusterOptions>>().Value;
            Assert.Equal(ClusterConnection.ClusterId, cluster.ClusterId);
            Assert.Equal(ClusterConnection.ClusterId, cluster.ServiceId);
        }
        finally
        {
            foreach (var (name, value) in saved) Environment.SetEnvironmentVariable(name, value);
        }
    }

    [Fact]
    public void Without_kubernetes_the_silo_has_no_kubernetes_agent()
    {
        var connection = new ClusterConnection { Membership = Postgres };
        var builder = Host.CreateApplicationBuilder();
        builder.UseOrleans(silo => connection.ConfigureSilo(silo, 11111, 30000));

        Assert.DoesNotContain(builder.Services, d => d.ImplementationType?.FullName == "Orleans.Hosting.Kubernetes.KubernetesClusterAgent");
    }
}
