using System.Collections;
using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace Torii.Protocol;

/// <summary>
/// Copies the fields present in a listener update onto the listener's configuration. Sōzu's update
/// messages name their fields like the configuration's, so one field-by-name copy serves HTTP,
/// HTTPS and TCP alike; the address only names the listener and is never copied.
/// </summary>
public static class ListenerPatch
{
    private const string AddressField = "address";

    public static IMessage Copy(IMessage message) => message.Descriptor.Parser.ParseFrom(message.ToByteString());

    /// <returns>The names of the fields that were present, in field order.</returns>
    public static List<string> Apply(IMessage update, IMessage config)
    {
        var changed = new List<string>();
        foreach (var field in update.Descriptor.Fields.InFieldNumberOrder())
        {
            if (field.Name == AddressField)
            {
                continue;
            }

            var target = config.Descriptor.FindFieldByName(field.Name)
                ?? throw new InvalidOperationException($"{config.Descriptor.Name} has no field {field.Name}");
            if (field.IsMap ? CopyEntries(field, update, target, config) : CopyValue(field, update, target, config))
            {
                changed.Add(field.Name);
            }
        }

        return changed;
    }

    private static bool CopyValue(FieldDescriptor field, IMessage update, FieldDescriptor target, IMessage config)
    {
        if (!field.Accessor.HasValue(update))
        {
            return false;
        }

        var value = field.Accessor.GetValue(update);
        if (value is HstsConfig)
        {
            // Sōzu replaces the whole HSTS policy: a patch that leaves preload out turns it off.
            target.Accessor.SetValue(config, value);
            return true;
        }

        if (value is IMessage message)
        {
            // A message field is merged, not replaced: custom answers it does not name are kept.
            var merged = target.Accessor.HasValue(config) ? Copy((IMessage)target.Accessor.GetValue(config)) : message.Descriptor.Parser.ParseFrom(ByteString.Empty);
            merged.MergeFrom(message.ToByteString());
            value = merged;
        }

        target.Accessor.SetValue(config, value);
        return true;
    }

    /// <summary>Answers by status code: an entry with an empty value keeps the current answer, as in Sōzu.</summary>
    private static bool CopyEntries(FieldDescriptor field, IMessage update, FieldDescriptor target, IMessage config)
    {
        var entries = (IDictionary)field.Accessor.GetValue(update);
        var into = (IDictionary)target.Accessor.GetValue(config);
        var copied = false;
        foreach (DictionaryEntry entry in entries)
        {
            if (entry.Value is string { Length: > 0 })
            {
                into[entry.Key] = entry.Value;
                copied = true;
            }
        }

        return copied;
    }
}
