namespace Torii.Pulsar;

/// <summary>Completes the short forms of topic names the way Pulsar's clients do.</summary>
public static class TopicName
{
    private const string DefaultNamespace = "public/default";

    /// <summary>
    /// <c>t</c> becomes <c>persistent://public/default/t</c>, <c>a/b/t</c> becomes <c>persistent://a/b/t</c>;
    /// full names (<c>persistent://</c>, <c>non-persistent://</c>, with or without a cluster part) are kept.
    /// </summary>
    /// <exception cref="ArgumentException">A name that is none of these.</exception>
    public static string Normalize(string topic)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(topic);
        int schemeEnd = topic.IndexOf("://", StringComparison.Ordinal);
        string domain = "persistent";
        string path = topic;
        if (schemeEnd >= 0)
        {
            domain = topic[..schemeEnd];
            path = topic[(schemeEnd + 3)..];
            if (domain is not ("persistent" or "non-persistent"))
            {
                throw new ArgumentException($"topic '{topic}': the domain must be persistent or non-persistent", nameof(topic));
            }
        }

        string[] parts = path.Split('/');
        if (parts.Any(part => part.Length == 0))
        {
            throw new ArgumentException($"topic '{topic}' has an empty part", nameof(topic));
        }

        return parts.Length switch
        {
            1 when schemeEnd < 0 => $"{domain}://{DefaultNamespace}/{path}",

            // tenant/namespace/topic, or the older property/cluster/namespace/topic.
            3 or 4 => $"{domain}://{path}",
            _ => throw new ArgumentException($"topic '{topic}' is not tenant/namespace/topic", nameof(topic)),
        };
    }
}
