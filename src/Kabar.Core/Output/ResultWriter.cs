using System.Buffers;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Kabar.Model;

namespace Kabar.Output;

/// <summary>
/// Writes a processed document as the output contract of <c>kabar extract</c> (documented in the README): one JSON object
/// with <c>id</c>, <c>document</c>, <c>sentences</c>, <c>entities</c> and <c>events</c>. Field names are snake_case and
/// stable: later versions add fields, never rename them.
/// </summary>
public static class ResultWriter
{
    private static readonly JsonWriterOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly JsonWriterOptions Indented = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, Indented = true };

    /// <summary>The document as a JSON string; <paramref name="tokens"/> adds every token with its lemma, suffix and voice.</summary>
    public static string ToJson(Document document, bool indented = false, bool tokens = false)
    {
        var buffer = new ArrayBufferWriter<byte>(16 * 1024);
        using (var writer = new Utf8JsonWriter(buffer, indented ? Indented : Compact))
        {
            Write(writer, document, tokens);
        }
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>An error record for a batch: <c>{"id","error"}</c>.</summary>
    public static string ErrorJson(string id, string error)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, Compact))
        {
            writer.WriteStartObject();
            writer.WriteString("id", id);
            writer.WriteString("error", error);
            writer.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Writes the document.</summary>
    public static void Write(Utf8JsonWriter writer, Document document, bool tokens = false)
    {
        writer.WriteStartObject();
        writer.WriteString("id", document.Id);
        WriteDocument(writer, document);
        writer.WriteStartArray("sentences");
        foreach (var sentence in document.Sentences)
        {
            writer.WriteStartObject();
            writer.WriteNumber("index", sentence.Index);
            writer.WriteNumber("start", sentence.Start);
            writer.WriteNumber("end", sentence.End);
            writer.WriteString("text", document.Text[sentence.Start..sentence.End]);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        if (tokens)
        {
            writer.WriteStartArray("tokens");
            // The sentences cover the tokens in order (a token does not hold its sentence's index).
            var sentence = 0;
            for (var k = 0; k < document.Tokens.Length; k++)
            {
                var token = document.Tokens[k];
                while (sentence + 1 < document.Sentences.Length && k >= document.Sentences[sentence + 1].FirstToken)
                {
                    sentence++;
                }
                writer.WriteStartObject();
                writer.WriteString("text", token.Text);
                writer.WriteNumber("start", token.Start);
                writer.WriteNumber("end", token.End);
                writer.WriteNumber("sentence", document.Sentences.IsEmpty ? 0 : document.Sentences[sentence].Index);
                writer.WriteString("lemma", token.Lemma);
                if (token.Suffix.Length > 0)
                {
                    writer.WriteString("suffix", token.Suffix);
                }
                if (token.Voice != Voice.None)
                {
                    writer.WriteString("voice", token.Voice.ToString().ToLowerInvariant());
                }
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
        }
        // Named entities only, as spaCy's doc.ents and NER gold sets count them; actor phrases without a name
        // ("pasukan penjaga perdamaian Rusia", "the ministry", "ia") and place names standing for a government
        // ("Iran mengklaim") are mentions, listed apart.
        writer.WriteStartArray("entities");
        foreach (var entity in document.Entities.Where(e => e.Mention == MentionKind.Name && !e.Metonym))
        {
            WriteEntity(writer, entity);
        }
        writer.WriteEndArray();
        writer.WriteStartArray("mentions");
        foreach (var entity in document.Entities.Where(e => e.Mention != MentionKind.Name || e.Metonym))
        {
            WriteEntity(writer, entity);
        }
        writer.WriteEndArray();
        writer.WriteStartArray("events");
        foreach (var e in document.Events)
        {
            WriteEvent(writer, document, e);
        }
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void WriteDocument(Utf8JsonWriter writer, Document document)
    {
        writer.WriteStartObject("document");
        writer.WriteString("language", document.Language);
        if (document.LanguageGuess is { } guess)
        {
            writer.WriteNumber("language_confidence", guess.Confidence);
            writer.WriteString("language_method", guess.Method);
        }
        WriteNullable(writer, "published", document.Published?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        WriteNullable(writer, "published_source", document.PublishedSource);
        WriteNullable(writer, "title", document.Metadata.Title);
        WriteNullable(writer, "url", document.Metadata.Url);
        WriteNullable(writer, "site_name", document.Metadata.SiteName);
        WriteNullable(writer, "author", document.Metadata.Author);
        WriteNullable(writer, "dateline", document.Metadata.Dateline);
        writer.WriteString("format", document.Metadata.Format);
        if (document.Warnings.Length > 0)
        {
            writer.WriteStartArray("warnings");
            foreach (var warning in document.Warnings)
            {
                writer.WriteStringValue(warning);
            }
            writer.WriteEndArray();
        }
        writer.WriteString("text", document.Text);
        writer.WriteStartArray("removed");
        foreach (var removed in document.Removed)
        {
            writer.WriteStartObject();
            writer.WriteString("text", removed.Text);
            writer.WriteString("reason", removed.Reason);
            writer.WriteNumber("offset", removed.Offset);
            writer.WriteString("rule", removed.Rule);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void WriteEntity(Utf8JsonWriter writer, Entity entity)
    {
        writer.WriteStartObject();
        writer.WriteString("text", entity.Text);
        writer.WriteNumber("start", entity.Start);
        writer.WriteNumber("end", entity.End);
        writer.WriteString("type", entity.Type.ToString());
        writer.WriteNumber("sentence", entity.Sentence);
        if (entity.Mention != MentionKind.Name || entity.Metonym)
        {
            writer.WriteString("kind", entity.Metonym ? "metonym" : entity.Mention.ToString().ToLowerInvariant());
        }
        if (entity.Actor is { } actor)
        {
            writer.WriteString("actor", actor.Code);
            WriteNullable(writer, "country", actor.Country);
            if (actor.Name != entity.Text)
            {
                writer.WriteString("actor_name", actor.Name);
            }
        }
        if (entity.Place is { } place)
        {
            writer.WritePropertyName("place");
            WritePlace(writer, place);
        }
        if (entity.Time is { } time)
        {
            WriteNullable(writer, "value", time.Value);
            writer.WriteString("precision", time.Precision);
            WriteNullable(writer, "mod", time.Mod);
        }
        if (entity.Quantity is { } quantity)
        {
            WriteQuantityFields(writer, quantity);
        }
        writer.WriteString("rule", entity.Rule);
        writer.WriteEndObject();
    }

    private static void WriteQuantityFields(Utf8JsonWriter writer, QuantityValue quantity)
    {
        writer.WriteNumber("value", quantity.Value);
        writer.WriteString("qualifier", quantity.Qualifier);
        WriteNullable(writer, "of", quantity.Of);
        WriteNullable(writer, "class", quantity.Class);
        WriteNullable(writer, "outcome", quantity.Outcome);
        WriteNullable(writer, "unit", quantity.Unit);
    }

    private static void WriteEvent(Utf8JsonWriter writer, Document document, Event e)
    {
        writer.WriteStartObject();
        writer.WriteString("id", e.Id);
        writer.WriteNumber("sentence", e.Sentence);
        writer.WriteStartObject("evidence");
        writer.WriteNumber("start", e.EvidenceStart);
        writer.WriteNumber("end", e.EvidenceEnd);
        writer.WriteString("text", document.Text[e.EvidenceStart..e.EvidenceEnd]);
        writer.WriteEndObject();
        writer.WriteStartObject("trigger");
        writer.WriteNumber("start", e.TriggerStart);
        writer.WriteNumber("end", e.TriggerEnd);
        writer.WriteString("text", document.Text[e.TriggerStart..e.TriggerEnd]);
        writer.WriteEndObject();
        writer.WritePropertyName("source");
        WriteParticipant(writer, e.Source);
        writer.WritePropertyName("target");
        if (e.Target is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            WriteParticipant(writer, e.Target);
        }
        writer.WriteString("cameo", e.Cameo.Code);
        writer.WriteString("cameo_name", e.Cameo.Name);
        writer.WriteString("root", e.Cameo.Root);
        WriteNullable(writer, "plover", e.Cameo.Plover);
        WriteNullable(writer, "plover_mode", e.Cameo.PloverMode);
        writer.WriteNumber("goldstein", e.Cameo.Goldstein);
        writer.WriteNumber("quad_class", e.Cameo.QuadClass);
        WriteNullable(writer, "acled_event_type", e.Cameo.AcledEventType);
        WriteNullable(writer, "acled_sub_event_type", e.Cameo.AcledSubEventType);
        WriteNullable(writer, "date", e.Date);
        WriteNullable(writer, "date_text", e.DateText);
        writer.WriteString("date_source", e.DateSource);
        writer.WritePropertyName("place");
        if (e.Place is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            WritePlace(writer, e.Place);
        }
        WriteNullable(writer, "place_text", e.PlaceText);
        writer.WriteString("place_source", e.PlaceSource);
        writer.WriteStartArray("quantities");
        foreach (var q in e.Quantities)
        {
            writer.WriteStartObject();
            writer.WriteString("text", q.Text);
            WriteQuantityFields(writer, q.Quantity!);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        var fatalities = e.Quantities.Where(q => q.Quantity?.Outcome == "killed").Select(q => q.Quantity!.Value).DefaultIfEmpty(0).Max();
        writer.WriteNumber("fatalities", fatalities);
        writer.WriteString("modality", e.Modality.ToString().ToLowerInvariant());
        writer.WriteBoolean("negated", e.Negated);
        WriteNullable(writer, "attributed_to", e.AttributedTo);
        writer.WriteString("rule", e.Rule);
        writer.WriteStartArray("also_in_sentences");
        foreach (var s in e.AlsoInSentences)
        {
            writer.WriteNumberValue(s);
        }
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void WriteParticipant(Utf8JsonWriter writer, Participant participant)
    {
        writer.WriteStartObject();
        writer.WriteString("text", participant.Text);
        writer.WriteNumber("start", participant.Start);
        writer.WriteNumber("end", participant.End);
        writer.WriteString("actor", participant.Actor.Code);
        WriteNullable(writer, "country", participant.Actor.Country);
        writer.WriteStartArray("roles");
        foreach (var role in participant.Actor.Roles)
        {
            writer.WriteStringValue(role);
        }
        writer.WriteEndArray();
        writer.WriteString("name", participant.Actor.Name);
        writer.WriteEndObject();
    }

    private static void WritePlace(Utf8JsonWriter writer, Place place)
    {
        writer.WriteStartObject();
        writer.WriteString("name", place.Name);
        WriteNullable(writer, "country", place.Country);
        writer.WriteNumber("lat", place.Lat);
        writer.WriteNumber("lon", place.Lon);
        writer.WriteString("gazetteer_id", place.GazetteerId);
        writer.WriteString("feature", place.Feature);
        writer.WriteEndObject();
    }

    private static void WriteNullable(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is null)
        {
            writer.WriteNull(name);
        }
        else
        {
            writer.WriteString(name, value);
        }
    }
}
