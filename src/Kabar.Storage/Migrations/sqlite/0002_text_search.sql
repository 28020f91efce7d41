-- Substring search over evidence and sentences (`kabar events --text`) through an index instead of a scan:
-- an FTS5 table with the trigram tokenizer (case-insensitive substrings of three characters or more), kept in step
-- with the events table by triggers. Shorter searches fall back to LIKE.

CREATE VIRTUAL TABLE events_text USING fts5 (evidence, sentence_text, content = 'events', content_rowid = 'id', tokenize = 'trigram');
INSERT INTO events_text (events_text) VALUES ('rebuild');

CREATE TRIGGER events_text_insert AFTER INSERT ON events BEGIN
    INSERT INTO events_text (rowid, evidence, sentence_text) VALUES (new.id, new.evidence, new.sentence_text);
END;

CREATE TRIGGER events_text_delete AFTER DELETE ON events BEGIN
    INSERT INTO events_text (events_text, rowid, evidence, sentence_text) VALUES ('delete', old.id, old.evidence, old.sentence_text);
END;

CREATE TRIGGER events_text_update AFTER UPDATE OF evidence, sentence_text ON events BEGIN
    INSERT INTO events_text (events_text, rowid, evidence, sentence_text) VALUES ('delete', old.id, old.evidence, old.sentence_text);
    INSERT INTO events_text (rowid, evidence, sentence_text) VALUES (new.id, new.evidence, new.sentence_text);
END;
