using System.Text.Json;

namespace Torii.Protocol;

/// <summary>Reads one field's value, the reader on its name, into <paramref name="message"/>; false if it must be left to Google.Protobuf.</summary>
internal delegate bool FieldReader<in T>(ref Utf8JsonReader reader, T message);
