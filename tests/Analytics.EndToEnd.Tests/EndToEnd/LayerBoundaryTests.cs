using System.Reflection;
using Analytics.Core.Errors;
using Analytics.Pipeline;

namespace Analytics.Tests.EndToEnd;

/// <summary>
/// The layer boundaries of docs/ARCHITECTURE.md, checked on the compiled assemblies: Pipeline's public API speaks
/// Core and Pipeline types only (IO is its implementation detail), and Core leaves exit codes to the command line.
/// </summary>
public sealed class LayerBoundaryTests
{
    [Fact]
    public void Pipeline_public_api_exposes_no_io_types()
    {
        var leaks = new List<string>();
        foreach (var type in typeof(ScoringPipeline).Assembly.GetExportedTypes())
        {
            if (type.BaseType is { } baseType && IsIo(baseType))
            {
                leaks.Add($"{type.FullName} : {baseType.FullName}");
            }

            const BindingFlags visible = BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
            foreach (var member in type.GetMembers(visible))
            {
                foreach (var used in TypesOf(member))
                {
                    if (IsIo(used))
                    {
                        leaks.Add($"{type.FullName}.{member.Name} uses {used.FullName}");
                    }
                }
            }
        }

        Assert.True(leaks.Count == 0, string.Join('\n', leaks));
    }

    [Fact]
    public void Core_errors_carry_a_kind_not_an_exit_code()
    {
        Assert.Null(typeof(AnalyticsException).GetProperty("ExitCode"));
        Assert.Equal(ErrorKind.Input, new InputException("fees.csv", "bad").Kind);
    }

    [Fact]
    public void Core_exposes_its_host_surface_and_keeps_the_formula_machinery_internal()
    {
        var core = typeof(AnalyticsException).Assembly;
        var exported = core.GetExportedTypes().Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        Assert.Contains("ScoringKernel", exported);
        Assert.Contains("DealPricing", exported);
        Assert.Contains("PortfolioData", exported);
        Assert.Contains("EngineConfig", exported);
        foreach (var machinery in new[] { "ProfitabilityCalculator", "IrbCapital", "CustomerSegmentation", "Tiering", "ExactSum",
            "InputRules", "ProfitBridge", "Backtest", "BehaviourClustering" })
        {
            Assert.DoesNotContain(machinery, exported);
            Assert.NotNull(core.GetTypes().FirstOrDefault(t => t.Name == machinery));
        }
    }

    private static bool IsIo(Type type)
    {
        if (type.IsGenericType && type.GetGenericArguments().Any(IsIo))
        {
            return true;
        }

        if (type.HasElementType)
        {
            return IsIo(type.GetElementType()!);
        }

        return type.Namespace?.StartsWith("Analytics.IO", StringComparison.Ordinal) == true;
    }

    private static IEnumerable<Type> TypesOf(MemberInfo member) => member switch
    {
        MethodBase method => method.GetParameters().Select(p => p.ParameterType)
            .Concat(method is MethodInfo m ? [m.ReturnType] : []),
        PropertyInfo property => [property.PropertyType],
        FieldInfo field => [field.FieldType],
        EventInfo e => e.EventHandlerType is { } t ? [t] : [],
        _ => [],
    };
}
