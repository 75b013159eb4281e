using PaintDotNet.PropertySystem;

namespace PaintDotNet.IndirectUI
{
    public enum ControlInfoPropertyNames
    {
        DisplayName = 0,
        Description = 1,
        WindowTitle = 21,
        Footnote = 28,
    }

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
    }
}
