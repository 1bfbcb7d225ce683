// Drops one index by name.
DROP INDEX $name IF EXISTS
