using System.CommandLine;
using System.Text.RegularExpressions;
using Analytics.Cli;
using Analytics.Cli.Commands;
using YamlDotNet.RepresentationModel;

namespace Analytics.Tests.EndToEnd;

/// <summary>
/// deploy/kubernetes: every manifest parses (with the YAML library the config reader uses), and the containers' command
/// lines are ones the real `analytics worker` and `analytics cluster-score` accept, with the pod environment, ports,
/// certificate mounts and permissions that `worker --kubernetes` needs.
/// </summary>
public sealed partial class KubernetesManifestTests
{
    private static string Folder => Path.Combine(RepoPaths.Root(), "deploy", "kubernetes");

    [Fact]
    public void Every_manifest_parses_and_names_its_kind()
    {
        var files = Directory.GetFiles(Folder, "*.yaml");
        Assert.True(files.Length >= 4, $"Only {files.Length} manifests in deploy/kubernetes.");
        var kinds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (file, doc) in Documents())
        {
            Assert.True(Scalar(doc, "apiVersion") is { Length: > 0 }, $"{file}: a document without apiVersion.");
            kinds.Add(Scalar(doc, "kind") ?? throw new Xunit.Sdk.XunitException($"{file}: a document without kind."));
        }

        Assert.Superset(new HashSet<string> { "Deployment", "Job", "ServiceAccount", "Role", "RoleBinding", "PersistentVolumeClaim" },
            kinds);
    }

    [Fact]
    public void The_containers_command_lines_are_accepted_by_the_real_commands()
    {
        var context = new CommandContext(TextWriter.Null, TextWriter.Null);
        var commands = new Dictionary<string, Command>(StringComparer.Ordinal)
        {
            ["worker"] = WorkerCommand.Create(context),
            ["cluster-score"] = ClusterScoreCommand.Create(context),
        };
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (file, container) in Containers())
        {
            Assert.StartsWith("analytics:", Scalar(container, "image"), StringComparison.Ordinal);
            var args = Sequence(container, "args").Select(a => ((YamlScalarNode)a).Value!).ToArray();
            var env = Sequence(container, "env").Select(e => Scalar(e, "name")!).ToHashSet(StringComparer.Ordinal);
            // Kubernetes expands $(NAME) from the container's environment: every one used must be defined there.
            foreach (Match m in Variable().Matches(string.Join(" ", args)))
            {
                Assert.True(env.Contains(m.Groups[1].Value), $"{file}: $({m.Groups[1].Value}) is not in the container's env.");
            }

            string verb = args[0];
            Assert.True(commands.ContainsKey(verb), $"{file}: '{verb}' is not an analytics cluster command.");
            seen.Add(verb);
            const string dsn = "Host=db;Port=5432;Username=u;Password=p;Database=orleans";
            var expanded = args[1..].Select(a => Variable().Replace(a, dsn)).ToArray();
            var parse = commands[verb].Parse(expanded);
            Assert.True(parse.Errors.Count == 0, $"{file}: analytics {verb} refuses its arguments: "
                + string.Join("; ", parse.Errors.Select(e => e.Message)));

            // The certificates are read from a mounted volume.
            var mounts = Sequence(container, "volumeMounts").Select(v => Scalar(v, "mountPath")!).ToArray();
            foreach (string flag in new[] { "--tls-cert", "--tls-ca" })
            {
                string path = expanded[Array.IndexOf(expanded, flag) + 1];
                Assert.Contains(mounts, m => path.StartsWith(m + "/", StringComparison.Ordinal));
            }
        }

        Assert.Equal(["cluster-score", "worker"], seen.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_workers_run_with_kubernetes_hosting_the_pod_environment_their_ports_and_the_pod_permissions()
    {
        var (_, worker) = Containers().Single(c => Sequence(c.Container, "args").Any(a => ((YamlScalarNode)a).Value == "worker"));
        var args = Sequence(worker, "args").Select(a => ((YamlScalarNode)a).Value!).ToList();
        Assert.Contains("--kubernetes", args);
        Assert.DoesNotContain("--advertise", args);

        // POD_NAME, POD_NAMESPACE and POD_IP from the downward API.
        var fieldPaths = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var e in Sequence(worker, "env"))
        {
            if (((YamlMappingNode)e).Children.TryGetValue(new YamlScalarNode("valueFrom"), out var from)
                && ((YamlMappingNode)from).Children.TryGetValue(new YamlScalarNode("fieldRef"), out var field))
            {
                fieldPaths[Scalar(e, "name")!] = Scalar(field, "fieldPath")!;
            }
        }

        Assert.Equal("metadata.name", fieldPaths["POD_NAME"]);
        Assert.Equal("metadata.namespace", fieldPaths["POD_NAMESPACE"]);
        Assert.Equal("status.podIP", fieldPaths["POD_IP"]);

        var ports = Sequence(worker, "ports").Select(p => Scalar(p, "containerPort")).ToHashSet(StringComparer.Ordinal);
        Assert.Contains(args[args.IndexOf("--port") + 1], ports);
        Assert.Contains(args[args.IndexOf("--gateway") + 1], ports);

        // The Role bound to the workers' service account lets Orleans' Kubernetes hosting read, label, list and watch pods.
        var docs = Documents().Select(d => d.Doc).ToList();
        var deployment = docs.Single(d => Scalar(d, "kind") == "Deployment");
        string account = Scalar(Node(deployment, "spec", "template", "spec"), "serviceAccountName")!;
        var binding = docs.Single(d => Scalar(d, "kind") == "RoleBinding");
        Assert.Contains(Sequence(binding, "subjects"), s => Scalar(s, "kind") == "ServiceAccount" && Scalar(s, "name") == account);
        string roleName = Scalar(Node(binding, "roleRef"), "name")!;
        var role = docs.Single(d => Scalar(d, "kind") == "Role" && Scalar(Node(d, "metadata"), "name") == roleName);
        var rule = Sequence(role, "rules").Single(r => Sequence(r, "resources").Any(x => ((YamlScalarNode)x).Value == "pods"));
        Assert.Superset(new HashSet<string> { "get", "list", "watch", "patch" },
            Sequence(rule, "verbs").Select(v => ((YamlScalarNode)v).Value!).ToHashSet());
    }

    private static IEnumerable<(string File, YamlMappingNode Doc)> Documents()
    {
        foreach (string file in Directory.GetFiles(Folder, "*.yaml").Order(StringComparer.Ordinal))
        {
            var stream = new YamlStream();
            using (var reader = new StringReader(File.ReadAllText(file)))
            {
                stream.Load(reader);
            }

            foreach (var doc in stream.Documents)
            {
                yield return (Path.GetFileName(file), (YamlMappingNode)doc.RootNode);
            }
        }
    }

    private static IEnumerable<(string File, YamlNode Container)> Containers()
    {
        foreach (var (file, doc) in Documents())
        {
            if (Scalar(doc, "kind") is not ("Deployment" or "Job")) continue;
            foreach (var container in Sequence(Node(doc, "spec", "template", "spec"), "containers"))
            {
                yield return (file, container);
            }
        }
    }

    private static YamlNode Node(YamlNode node, params string[] path)
    {
        foreach (string key in path) node = ((YamlMappingNode)node).Children[new YamlScalarNode(key)];
        return node;
    }

    private static string? Scalar(YamlNode node, string key) =>
        ((YamlMappingNode)node).Children.TryGetValue(new YamlScalarNode(key), out var value) ? ((YamlScalarNode)value).Value : null;

    private static IEnumerable<YamlNode> Sequence(YamlNode node, string key) =>
        ((YamlMappingNode)node).Children.TryGetValue(new YamlScalarNode(key), out var value) ? ((YamlSequenceNode)value).Children : [];

    [GeneratedRegex(@"\$\(([A-Z_][A-Z0-9_]*)\)")]
    private static partial Regex Variable();
}
