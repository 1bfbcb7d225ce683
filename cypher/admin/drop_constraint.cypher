// Drops one constraint by name.
DROP CONSTRAINT $name IF EXISTS
