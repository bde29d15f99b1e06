"""The store's schema: migrations applied in order, each once, recorded in the `migrations` table.
Never edit a migration that has shipped: add a new one."""

from __future__ import annotations

MIGRATIONS: list[tuple[str, str]] = [
    ("001_core", """
CREATE TABLE articles (
    id VARCHAR PRIMARY KEY, source_path VARCHAR, url VARCHAR, outlet VARCHAR, title VARCHAR,
    published DATE, text VARCHAR, skipped VARCHAR, meta JSON, record JSON,
    story_id VARCHAR, story_overlap DOUBLE, signature UBIGINT[], coded_at TIMESTAMP, seq BIGINT);
CREATE TABLE events (
    event_id VARCHAR PRIMARY KEY, article_id VARCHAR, type VARCHAR, mode VARCHAR, cameo VARCHAR,
    root VARCHAR, source_codes VARCHAR[], target_codes VARCHAR[], date DATE, date_precision VARCHAR,
    confidence DOUBLE, goldstein DOUBLE, quad_class INTEGER, certainty VARCHAR, attributed_to VARCHAR,
    size INTEGER, sentence INTEGER, start_char INTEGER, end_char INTEGER, num_mentions INTEGER);
CREATE TABLE mentions (
    event_id VARCHAR, article_id VARCHAR, sentence INTEGER, start_char INTEGER, end_char INTEGER,
    trigger VARCHAR, trigger_char INTEGER, source_char INTEGER, target_char INTEGER);
CREATE TABLE actors (
    event_id VARCHAR, side VARCHAR, position INTEGER, code VARCHAR, text VARCHAR,
    start_char INTEGER, end_char INTEGER);
CREATE TABLE merged_events (
    merged_id BIGINT PRIMARY KEY, type VARCHAR, root VARCHAR, cameo VARCHAR, source_codes VARCHAR[],
    target_codes VARCHAR[], first_date DATE, last_date DATE, num_mentions INTEGER,
    num_sources INTEGER, num_articles INTEGER, num_independent_sources INTEGER,
    first_event_id VARCHAR);
CREATE TABLE merged_members (merged_id BIGINT, event_id VARCHAR);
CREATE VIEW stories AS
    SELECT story_id, count(*) AS articles, count(DISTINCT coalesce(outlet, source_path)) AS outlets,
           min(published) AS first_published, arg_min(title, seq) AS first_title,
           arg_min(id, seq) AS first_article
    FROM articles WHERE skipped IS NULL GROUP BY story_id;
"""),
    ("002_enrichment", """
ALTER TABLE events ADD COLUMN event_uid VARCHAR;
ALTER TABLE events ADD COLUMN place_text VARCHAR;
ALTER TABLE events ADD COLUMN place_name VARCHAR;
ALTER TABLE events ADD COLUMN place_country VARCHAR;
ALTER TABLE events ADD COLUMN place_admin1 VARCHAR;
ALTER TABLE events ADD COLUMN lat DOUBLE;
ALTER TABLE events ADD COLUMN lon DOUBLE;
ALTER TABLE events ADD COLUMN geonames_id BIGINT;
ALTER TABLE events ADD COLUMN feature VARCHAR;
ALTER TABLE events ADD COLUMN place_how VARCHAR;
ALTER TABLE events ADD COLUMN dead INTEGER;
ALTER TABLE events ADD COLUMN injured INTEGER;
ALTER TABLE events ADD COLUMN arrested INTEGER;
ALTER TABLE events ADD COLUMN money JSON;
ALTER TABLE events ADD COLUMN quote_id INTEGER;
ALTER TABLE events ADD COLUMN tone DOUBLE;
ALTER TABLE events ADD COLUMN contexts VARCHAR[];
ALTER TABLE articles ADD COLUMN tone DOUBLE;
ALTER TABLE articles ADD COLUMN quotes JSON;
"""),
    ("003_incremental_stories", """
CREATE TABLE story_bands (band_key BIGINT, seq BIGINT);
ALTER TABLE articles ADD COLUMN facts VARCHAR[];
"""),
    # A fixed-size array instead of a list: DuckDB 1.3 logs a list column's whole last block with every
    # commit that appends to it (1.7 MB a batch in a store of 100,000 articles, so a checkpoint every few
    # batches); an array of 128 values logs what is appended. The values are the same.
    ("004_signature_array", """
ALTER TABLE articles ALTER COLUMN signature TYPE UBIGINT[128];
"""),
    # Each member carries what the incremental merge reads of it, so that a batch reads the members of
    # the merged events it reopens from this table alone: DuckDB joins by scanning, and events and
    # articles grow with the store. Filled by a copy, not an UPDATE: 0.4 s against 10 s for 300,000 members.
    ("005_member_fields", """
CREATE TABLE merged_members_005 AS
SELECT m.merged_id, m.event_id, e.article_id, e.date, e.num_mentions,
       coalesce(a.outlet, a.url, a.source_path, a.id) AS outlet, a.story_id, e.cameo
FROM merged_members m LEFT JOIN events e ON e.event_id = m.event_id
     LEFT JOIN articles a ON a.id = e.article_id;
DROP TABLE merged_members;
ALTER TABLE merged_members_005 RENAME TO merged_members;
"""),
]
# Python steps, the method of Store to call: pending migrations are applied in one transaction, and
# these run after the SQL of all of them (they write the newest layout).
UPGRADES: dict[str, str] = {"003_incremental_stories": "restory"}
