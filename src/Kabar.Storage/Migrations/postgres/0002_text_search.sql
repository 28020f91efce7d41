-- Substring search over evidence and sentences (`kabar events --text`) through an index instead of a scan:
-- trigram GIN indexes, which ILIKE '%…%' uses for searches of three characters or more. pg_trgm ships with
-- PostgreSQL (contrib) and is a trusted extension; where it cannot be created the indexes are left out and
-- --text scans, which is slower but gives the same answers.

DO $$
BEGIN
    CREATE EXTENSION IF NOT EXISTS pg_trgm;
EXCEPTION WHEN OTHERS THEN
    RAISE NOTICE 'pg_trgm is not available (%); kabar events --text will scan', SQLERRM;
END
$$;

DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm') THEN
        CREATE INDEX events_evidence_trgm ON events USING gin (evidence gin_trgm_ops);
        CREATE INDEX events_sentence_trgm ON events USING gin (sentence_text gin_trgm_ops);
    END IF;
END
$$;
