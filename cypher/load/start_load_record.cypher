// Records that a load has begun; loads left running by a killed process are marked interrupted.
OPTIONAL MATCH (stale:Load {outcome: 'running'})
SET stale.outcome = 'interrupted'
WITH count(stale) AS ignored
CREATE (l:Load {id: $id, origin: $origin, prune: $prune, startedAt: datetime(), outcome: 'running'})
RETURN l.id AS id
