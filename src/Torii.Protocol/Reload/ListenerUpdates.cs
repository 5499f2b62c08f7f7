using Google.Protobuf;

namespace Torii.Protocol;

/// <summary>
/// The update request (Sōzu's update_*_listener) that turns a listener's running configuration into a
/// new one: every field the new configuration holds, copied by name. An update can set fields but
/// not clear them, so a change that only clearing would make has no update.
/// </summary>
public static class ListenerUpdates
{
    /// <returns>The update, or null when applying it would not give <paramref name="next"/> exactly.</returns>
    public static Request? Between(Request current, Request next) => (current.RequestTypeCase, next.RequestTypeCase) switch
    {
        (Request.RequestTypeOneofCase.AddHttpListener, Request.RequestTypeOneofCase.AddHttpListener) =>
            Checked(current.AddHttpListener, next.AddHttpListener, new UpdateHttpListenerConfig(), update => new Request { UpdateHttpListener = update }),
        (Request.RequestTypeOneofCase.AddHttpsListener, Request.RequestTypeOneofCase.AddHttpsListener) =>
            Checked(current.AddHttpsListener, next.AddHttpsListener, new UpdateHttpsListenerConfig(), update => new Request { UpdateHttpsListener = update }),
        (Request.RequestTypeOneofCase.AddTcpListener, Request.RequestTypeOneofCase.AddTcpListener) =>
            Checked(current.AddTcpListener, next.AddTcpListener, new UpdateTcpListenerConfig(), update => new Request { UpdateTcpListener = update }),
        _ => null,
    };

    private static Request? Checked<TConfig, TUpdate>(TConfig current, TConfig next, TUpdate update, Func<TUpdate, Request> wrap)
        where TConfig : IMessage
        where TUpdate : IMessage
    {
        foreach (var field in update.Descriptor.Fields.InFieldNumberOrder())
        {
            var source = next.Descriptor.FindFieldByName(field.Name);
            // A field named alike but shaped differently (the update's alpn_protocols message against the
            // configuration's repeated alpn_protocols) is not copied by name.
            if (source is null || source.IsRepeated != field.IsRepeated || (!source.IsMap && !source.Accessor.HasValue(next)))
            {
                continue;
            }

            if (source.IsMap)
            {
                var into = (System.Collections.IDictionary)field.Accessor.GetValue(update);
                foreach (System.Collections.DictionaryEntry entry in (System.Collections.IDictionary)source.Accessor.GetValue(next))
                {
                    into[entry.Key] = entry.Value;
                }
            }
            else
            {
                field.Accessor.SetValue(update, source.Accessor.GetValue(next));
            }
        }

        var patched = ListenerPatch.Copy(current);
        ListenerPatch.Apply(update, patched);
        return patched.Equals(next) ? wrap(update) : null;
    }
}
