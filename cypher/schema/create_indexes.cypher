// Range indexes for the filters and sort orders that lookups use.
CREATE INDEX force_name IF NOT EXISTS FOR (n:Force) ON (n.name);
CREATE INDEX force_kind IF NOT EXISTS FOR (n:Force) ON (n.kind);
CREATE INDEX force_region IF NOT EXISTS FOR (n:Force) ON (n.region);
CREATE INDEX capability_name IF NOT EXISTS FOR (n:Capability) ON (n.name);
CREATE INDEX capability_stage IF NOT EXISTS FOR (n:Capability) ON (n.stage);
CREATE INDEX supplier_name IF NOT EXISTS FOR (n:Supplier) ON (n.name);
CREATE INDEX crime_type_name IF NOT EXISTS FOR (n:CrimeType) ON (n.name);
CREATE INDEX crime_type_category IF NOT EXISTS FOR (n:CrimeType) ON (n.category);
CREATE INDEX pilot_name IF NOT EXISTS FOR (n:Pilot) ON (n.name);
CREATE INDEX pilot_status IF NOT EXISTS FOR (n:Pilot) ON (n.status);
CREATE INDEX load_started_at IF NOT EXISTS FOR (n:Load) ON (n.startedAt);
CREATE FULLTEXT INDEX search_text IF NOT EXISTS FOR (n:Force|Capability|Supplier|CrimeType|Pilot) ON EACH [n.name, n.description, n.summary, n.region];
