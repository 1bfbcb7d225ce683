// The graph's write counter, and what each write after version $since changed (oldest
// first), or null when some of those writes are no longer kept (or $since is null).
OPTIONAL MATCH (m:Meta {id: 'graph'})
WITH coalesce(m.version, 0) AS version, coalesce(m.changes, []) AS changes
RETURN version,
       CASE
         WHEN $since IS NULL OR $since > version OR version - $since > size(changes) THEN null
         ELSE changes[size(changes) - (version - $since)..]
       END AS changes
