// Constraints and indexes of the bookkeeping nodes outside the knowledge graph: load records
// and the graph's version counter. The knowledge graph's own come from the schema model
// (graph.store.statements.create_constraints and create_indexes).
CREATE CONSTRAINT load_id IF NOT EXISTS FOR (n:Load) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT meta_id IF NOT EXISTS FOR (n:Meta) REQUIRE n.id IS UNIQUE;
CREATE INDEX load_started_at IF NOT EXISTS FOR (n:Load) ON (n.startedAt);
