// Records how a load ended, with its counts (a JSON object per kind).
MATCH (l:Load {id: $id})
SET l.outcome = $outcome,
    l.finishedAt = datetime(),
    l.seconds = $seconds,
    l.nodesWritten = $nodesWritten,
    l.relationshipsWritten = $relationshipsWritten,
    l.nodesDeleted = $nodesDeleted,
    l.relationshipsDeleted = $relationshipsDeleted,
    l.counts = $counts,
    l.error = $error
