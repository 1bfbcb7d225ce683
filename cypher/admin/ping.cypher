// Proves the default database answers.
RETURN 1 AS ok
