// How many forces the graph holds (zero means the graph is empty).
MATCH (f:Force)
RETURN count(f) AS forces
