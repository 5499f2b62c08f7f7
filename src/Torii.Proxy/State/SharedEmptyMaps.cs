using System.Collections;
using System.Runtime.CompilerServices;
using Google.Protobuf.Collections;
using Torii.Protocol;

namespace Torii.Proxy.State;

/// <summary>
/// Points the empty map and list fields of the messages the state keeps at one shared empty map or list. The generated
/// code gives every message a map of its own, made with the message: a dictionary and a linked list, 152 bytes, empty in
/// nearly every cluster (answers) and frontend (tags); at 100,000 clusters that was a tenth of the state (bench/run.sh
/// scenario s). Lists are 32 bytes each (a cluster's authorized_hashes, a frontend's headers).
/// </summary>
/// <remarks>
/// Safe because the state never changes a message once it keeps it (the snapshots share them with the data path, so it
/// must not): copies (<c>Clone</c>, the copy constructor, <c>MergeFrom</c>) make maps of their own and only read this
/// one. <see cref="ShareIfEmpty"/> turns a broken promise into an error.
/// </remarks>
internal static class SharedEmptyMaps
{
    private static readonly MapField<string, string> EmptyMap = new();
    private static readonly RepeatedField<string> EmptyStrings = [];
    private static readonly RepeatedField<Header> EmptyHeaders = [];

    public static Cluster Share(Cluster cluster)
    {
        ShareIfEmpty(ref AnswersOf(cluster), EmptyMap);
        ShareIfEmpty(ref AuthorizedHashesOf(cluster), EmptyStrings);
        return cluster;
    }

    public static RequestHttpFrontend Share(RequestHttpFrontend frontend)
    {
        ShareIfEmpty(ref TagsOf(frontend), EmptyMap);
        ShareIfEmpty(ref HeadersOf(frontend), EmptyHeaders);
        return frontend;
    }

    public static RequestTcpFrontend Share(RequestTcpFrontend frontend)
    {
        ShareIfEmpty(ref TagsOf(frontend), EmptyMap);
        return frontend;
    }

    /// <summary>Turns a broken promise into an error instead of tags (or headers, or hashes) showing up on every message.</summary>
    private static void ShareIfEmpty<TField>(ref TField field, TField empty)
        where TField : class, ICollection
    {
        if (field.Count == 0)
        {
            field = empty.Count == 0 ? empty : throw new InvalidOperationException($"a message kept by the state was changed: its shared empty {(empty is IDictionary ? "map" : "list")} has entries");
        }
    }

    [UnsafeAccessor(UnsafeAccessorKind.Field, Name = "authorizedHashes_")]
    private static extern ref RepeatedField<string> AuthorizedHashesOf(Cluster cluster);

    [UnsafeAccessor(UnsafeAccessorKind.Field, Name = "headers_")]
    private static extern ref RepeatedField<Header> HeadersOf(RequestHttpFrontend frontend);

    [UnsafeAccessor(UnsafeAccessorKind.Field, Name = "answers_")]
    private static extern ref MapField<string, string> AnswersOf(Cluster cluster);

    [UnsafeAccessor(UnsafeAccessorKind.Field, Name = "tags_")]
    private static extern ref MapField<string, string> TagsOf(RequestHttpFrontend frontend);

    [UnsafeAccessor(UnsafeAccessorKind.Field, Name = "tags_")]
    private static extern ref MapField<string, string> TagsOf(RequestTcpFrontend frontend);
}
