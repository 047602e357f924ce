using Analytics.Core.Errors;
using Analytics.IO.Reading;

namespace Analytics.Tests.Reading;

public class InputFolderLocateTests
{
    [Fact]
    public void Absent_table_is_null()
    {
        using var dir = new TempFolder();
        dir.WriteText("customers.csv", "customer_id\n");
        Assert.Null(InputFolder.Locate(dir.Path, "fees"));
    }

    [Theory]
    [InlineData("fees.csv", TableFileFormat.Csv)]
    [InlineData("fees.parquet", TableFileFormat.Parquet)]
    public void Single_file_table(string name, TableFileFormat format)
    {
        using var dir = new TempFolder();
        dir.WriteText(name, "x");
        var location = InputFolder.Locate(dir.Path, "fees");
        Assert.NotNull(location);
        Assert.Equal("fees", location.Table);
        var file = Assert.Single(location.Files);
        Assert.Equal(name, file.DisplayName);
        Assert.Equal(format, file.Format);
        Assert.Equal(Path.GetFullPath(dir.File(name)), file.Path);
    }

    [Fact]
    public void Parts_folder_ignores_underscore_and_dot_names_and_sorts_ordinally()
    {
        using var dir = new TempFolder();
        dir.WriteText("fees/part-0010.parquet", "x");
        dir.WriteText("fees/part-0002.csv", "x");
        dir.WriteText("fees/part-0001.parquet", "x");
        dir.WriteText("fees/Part-0003.parquet", "x"); // 'P' < 'p' ordinally
        dir.WriteText("fees/_SUCCESS", "");
        dir.WriteText("fees/.part-0001.parquet.crc", "x");
        dir.WriteText("fees/_committed_123", "x");
        Directory.CreateDirectory(dir.File("fees/_temporary/0"));
        Directory.CreateDirectory(dir.File("fees/.hidden"));

        var location = InputFolder.Locate(dir.Path, "fees")!;

        Assert.Equal(
            ["fees/Part-0003.parquet", "fees/part-0001.parquet", "fees/part-0002.csv", "fees/part-0010.parquet"],
            location.Files.Select(f => f.DisplayName));
        Assert.Equal(
            [TableFileFormat.Parquet, TableFileFormat.Parquet, TableFileFormat.Csv, TableFileFormat.Parquet],
            location.Files.Select(f => f.Format));
        Assert.Equal(Path.GetFullPath(dir.File("fees/part-0002.csv")), location.Files[2].Path);
    }

    [Fact]
    public void Empty_folder_is_a_present_table_with_no_files()
    {
        using var dir = new TempFolder();
        Directory.CreateDirectory(dir.File("fees"));
        dir.WriteText("fees/_SUCCESS", "");
        var location = InputFolder.Locate(dir.Path, "fees");
        Assert.NotNull(location);
        Assert.Empty(location.Files);
    }

    [Fact]
    public void Csv_and_folder_are_ambiguous()
    {
        using var dir = new TempFolder();
        dir.WriteText("fees.csv", "x");
        Directory.CreateDirectory(dir.File("fees"));
        var e = Assert.Throws<InputException>(() => InputFolder.Locate(dir.Path, "fees"));
        Assert.Equal("Table 'fees' is ambiguous: both 'fees.csv' and 'fees/' exist in the input folder; keep one of them.", e.Message);
        Assert.Equal("fees", e.File);
        Assert.Equal(ErrorKind.Input, e.Kind);
    }

    [Fact]
    public void Csv_and_parquet_are_ambiguous()
    {
        using var dir = new TempFolder();
        dir.WriteText("fees.parquet", "x");
        dir.WriteText("fees.csv", "x");
        var e = Assert.Throws<InputException>(() => InputFolder.Locate(dir.Path, "fees"));
        Assert.Equal("Table 'fees' is ambiguous: both 'fees.csv' and 'fees.parquet' exist in the input folder; keep one of them.",
            e.Message);
    }

    [Fact]
    public void Three_entries_are_all_named()
    {
        using var dir = new TempFolder();
        dir.WriteText("fees.parquet", "x");
        dir.WriteText("fees.csv", "x");
        Directory.CreateDirectory(dir.File("fees"));
        var e = Assert.Throws<InputException>(() => InputFolder.Locate(dir.Path, "fees"));
        Assert.Equal("Table 'fees' is ambiguous: 'fees.csv', 'fees.parquet' and 'fees/' all exist in the input folder; keep one of them.",
            e.Message);
    }

    [Fact]
    public void Other_tables_with_a_common_prefix_do_not_clash()
    {
        using var dir = new TempFolder();
        dir.WriteText("fees.csv", "x");
        dir.WriteText("fees_2023.csv", "x");
        Directory.CreateDirectory(dir.File("fees_old"));
        Assert.Single(InputFolder.Locate(dir.Path, "fees")!.Files);
    }

    [Fact]
    public void Nested_folder_in_parts_folder_fails()
    {
        using var dir = new TempFolder();
        dir.WriteText("fees/booking_month=2024-01/part-0.parquet", "x");
        var e = Assert.Throws<InputException>(() => InputFolder.Locate(dir.Path, "fees"));
        Assert.Equal(
            "'fees/' contains the folder 'fees/booking_month=2024-01/', which is not read (partitioned layouts are not supported); "
            + "put the part files directly in 'fees/', or rename the folder to start with '_' to ignore it.",
            e.Message);
    }

    [Fact]
    public void Unknown_file_in_parts_folder_fails()
    {
        using var dir = new TempFolder();
        dir.WriteText("fees/part-0.csv.gz", "x");
        var e = Assert.Throws<InputException>(() => InputFolder.Locate(dir.Path, "fees"));
        Assert.Equal(
            "'fees/part-0.csv.gz' in 'fees/' is neither a .parquet nor a .csv file; remove it, convert it, or rename it to start with "
                + "'_' to ignore it.",
            e.Message);
        Assert.Equal("fees/part-0.csv.gz", e.File);
    }

    [Fact]
    public void Missing_input_folder_is_a_usage_error()
    {
        string missing = Path.Combine(Path.GetTempPath(), "analytics-no-such-" + Guid.NewGuid().ToString("N"));
        var e = Assert.Throws<UsageException>(() => InputFolder.Locate(missing, "fees"));
        Assert.Equal($"The input folder '{missing}' does not exist; check the path.", e.Message);
        Assert.Equal(ErrorKind.Usage, e.Kind);
    }
}
