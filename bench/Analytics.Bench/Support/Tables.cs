using System.Globalization;
using System.Text;

namespace Analytics.Bench.Support;

/// <summary>
/// Prints results as Markdown tables on standard output (logs go to standard error), and keeps a transcript
/// of everything printed, from which <c>all</c> writes RESULTS.md: what the file says is what the run printed.
/// </summary>
internal static class Tables
{
    private static readonly StringBuilder Transcript = new();

    /// <summary>The transcript's length now: pass it to <see cref="Since"/> to get what was printed after it.</summary>
    public static int Mark() => Transcript.Length;

    public static string Since(int mark) => Transcript.ToString(mark, Transcript.Length - mark);

    public static void Print(string title, string[] headers, IEnumerable<string[]> rows)
    {
        var text = new StringBuilder();
        text.Append("**").Append(title).AppendLine("**").AppendLine();
        text.AppendLine(Row(headers));
        text.AppendLine(Row([.. headers.Select(_ => "---")]));
        foreach (var row in rows) text.AppendLine(Row(row));
        Write(text.AppendLine().ToString());
    }

    public static void Note(string text) => Write(text + Environment.NewLine + Environment.NewLine);

    public static string Number(double value, int decimals = 0) => value.ToString("N" + decimals, CultureInfo.InvariantCulture);

    private static string Row(IEnumerable<string> cells) => "| " + string.Join(" | ", cells.Select(c => c.Replace("|", "\\|"))) + " |";

    private static void Write(string text)
    {
        Transcript.Append(text);
        Console.Out.Write(text);
        Console.Out.Flush();
    }
}
