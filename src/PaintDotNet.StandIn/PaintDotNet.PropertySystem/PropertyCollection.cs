namespace PaintDotNet.PropertySystem;

/// <summary>Rules and change events are not modelled (the glue uses neither).</summary>
public sealed class PropertyCollection : IEnumerable<Property>
{
    private readonly List<Property> _properties;

    public PropertyCollection()
        : this([])
    {
    }

    public PropertyCollection(IEnumerable<Property> properties)
    {
        _properties = properties.ToList();
    }

    internal Property? this[object propertyName] => _properties.FirstOrDefault(p => p.Name == propertyName.ToString());

    public IEnumerator<Property> GetEnumerator() => _properties.GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

    internal PropertyCollection CloneCore() => new(_properties.Select(p => p.CloneCore()));

    /// <summary>Stand-in only: a collection without one property, as a token from another version of an effect would be.</summary>
    internal PropertyCollection Without(string propertyName) => new(_properties.Where(p => p.Name != propertyName).Select(p => p.CloneCore()));
}
