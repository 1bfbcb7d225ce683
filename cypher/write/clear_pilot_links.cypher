// Removes a pilot's links (forces, capabilities, supplier, crime types, benefits) before they are rewritten.
MATCH (:Pilot {id: $pilot})-[r:RUN_BY|TRIALS|DELIVERED_BY|TARGETS|MEASURED]->()
DELETE r
