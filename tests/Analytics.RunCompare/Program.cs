using Analytics.Tests.Writing;

// Compares two published run folders as the Cluster tests do (RunContents): exit 0 when every table is the same,
// 1 with the first difference otherwise. Used by scripts/cluster-multiprocess-test.sh, whose runs write part files.
if (args.Length != 2)
{
    Console.Error.WriteLine("usage: Analytics.RunCompare EXPECTED_RUN_FOLDER ACTUAL_RUN_FOLDER");
    return 2;
}

try
{
    await RunContents.AssertSameTablesAsync(args[0], args[1]);
    Console.WriteLine("same tables");
    return 0;
}
catch (Exception e) when (e is Xunit.Sdk.XunitException)
{
    Console.Error.WriteLine(e.Message);
    return 1;
}
