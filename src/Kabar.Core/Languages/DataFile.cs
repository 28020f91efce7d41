using System.Collections.Immutable;

namespace Kabar.Languages;

/// <summary>A language-data file could not be read; the message names the file and line.</summary>
public sealed class DataFileException(string message) : Exception(message);

/// <summary>One row of a TSV data file, with its position for error messages and explanations.</summary>
public sealed class DataRow
{
    private readonly string[] _cells;
    private readonly IReadOnlyDictionary<string, int> _columns;

    internal DataRow(string file, int line, string[] cells, IReadOnlyDictionary<string, int> columns)
    {
        File = file;
        Line = line;
        _cells = cells;
        _columns = columns;
    }

    /// <summary>File path relative to <c>lang/</c>.</summary>
    public string File { get; }

    /// <summary>1-based line number.</summary>
    public int Line { get; }

    /// <summary><c>file:line</c>, used as the <c>rule</c> of whatever the row produces.</summary>
    public string Location => $"{File}:{Line}";

    /// <summary>A required cell; throws with <c>file:line</c> when it is missing or empty.</summary>
    public string this[string column]
    {
        get
        {
            var value = Optional(column);
            return string.IsNullOrEmpty(value)
                ? throw new DataFileException($"{Location}: column '{column}' is empty")
                : value;
        }
    }

    /// <summary>An optional cell, or null when the column is absent or empty.</summary>
    public string? Optional(string column)
    {
        if (!_columns.TryGetValue(column, out var index) || index >= _cells.Length)
        {
            return null;
        }
        var value = _cells[index].Trim();
        return value.Length == 0 ? null : value;
    }

    /// <summary>An optional date cell (<c>yyyy-MM-dd</c>).</summary>
    public DateOnly? Date(string column)
    {
        var value = Optional(column);
        if (value is null)
        {
            return null;
        }
        return DateOnly.TryParseExact(value, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.None, out var date)
            ? date
            : throw new DataFileException($"{Location}: '{value}' in column '{column}' is not a yyyy-MM-dd date");
    }

    /// <summary>A required number cell.</summary>
    public double Number(string column)
    {
        var value = this[column];
        return double.TryParse(value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture,
            out var number)
            ? number
            : throw new DataFileException($"{Location}: '{value}' in column '{column}' is not a number");
    }
}

/// <summary>Reads the plain formats of <c>lang/</c>: <c>.txt</c> word lists and <c>.tsv</c> tables with a header row.</summary>
public static class DataFile
{
    /// <summary>Lines of a word list without comments and blanks, trimmed.</summary>
    public static ImmutableArray<(string Value, int Line)> ReadList(string path, string? text)
    {
        if (text is null)
        {
            return [];
        }
        var result = ImmutableArray.CreateBuilder<(string, int)>();
        var lineNumber = 0;
        foreach (var raw in text.Split('\n'))
        {
            lineNumber++;
            var line = raw.TrimEnd('\r').Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }
            result.Add((line, lineNumber));
        }
        return result.ToImmutable();
    }

    /// <summary>Rows of a TSV table; the first non-comment line is the header. Checks the required columns.</summary>
    public static ImmutableArray<DataRow> ReadTable(string path, string? text, params string[] required)
    {
        if (text is null)
        {
            return [];
        }
        var rows = ImmutableArray.CreateBuilder<DataRow>();
        Dictionary<string, int>? columns = null;
        var lineNumber = 0;
        foreach (var raw in text.Split('\n'))
        {
            lineNumber++;
            var line = raw.TrimEnd('\r');
            if (line.Trim().Length == 0 || line.TrimStart().StartsWith('#'))
            {
                continue;
            }
            var cells = line.Split('\t');
            if (columns is null)
            {
                columns = new Dictionary<string, int>(StringComparer.Ordinal);
                for (var i = 0; i < cells.Length; i++)
                {
                    columns.TryAdd(cells[i].Trim(), i);
                }
                foreach (var column in required)
                {
                    if (!columns.ContainsKey(column))
                    {
                        throw new DataFileException($"{path}:{lineNumber}: header lacks required column '{column}'");
                    }
                }
                continue;
            }
            rows.Add(new DataRow(path, lineNumber, cells, columns));
        }
        return rows.ToImmutable();
    }
}
