using PaintDotNet.PropertySystem;

namespace PaintDotNet.IndirectUI;

/// <summary>Only SetPropertyControlValue is modelled; the values set are kept for tests.</summary>
public class ControlInfo
{
    internal ControlInfo(IEnumerable<Property> props) => Properties = props.Select(p => p.Name).ToList();

    internal List<string> Properties { get; }

    internal Dictionary<(string Property, object ControlProperty), object> Values { get; } = [];

    public bool SetPropertyControlValue(object propertyName, object controlPropertyName, object propertyValue)
    {
        var name = propertyName.ToString() ?? string.Empty;
        if (!Properties.Contains(name))
        {
            return false;
        }

        Values[(name, controlPropertyName)] = propertyValue;
        return true;
    }

    internal static ControlInfo StandInCreate(IEnumerable<Property> props) => new(props);
}
