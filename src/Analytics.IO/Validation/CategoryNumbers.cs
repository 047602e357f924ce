namespace Analytics.IO.Validation;

/// <summary>Numbers category names 0, 1, 2, … in order of first sight.</summary>
internal sealed class CategoryNumbers
{
    private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal);
    private readonly List<string> _names = [];

    /// <summary>Categories numbered so far.</summary>
    public int Count => _names.Count;

    /// <summary>The number of <paramref name="category"/>, assigned on first sight.</summary>
    public int IdOf(string category)
    {
        if (!_ids.TryGetValue(category, out int id))
        {
            id = _names.Count;
            _ids.Add(category, id);
            _names.Add(category);
        }

        return id;
    }

    /// <summary>The name numbered <paramref name="id"/>.</summary>
    public string Name(int id) => _names[id];
}
