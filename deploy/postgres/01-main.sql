-- The catalogue of named statements. Orleans' ADO.NET providers run no SQL of their own
-- beyond reading this table at start-up; every statement they execute afterwards is a
-- QueryText row here, looked up by QueryKey. Later scripts fill it per provider.
--
-- Identifiers are left unquoted on purpose: the providers write them in PascalCase without
-- quotes, which PostgreSQL folds to lower case, so the tables must be folded the same way.
CREATE TABLE IF NOT EXISTS OrleansQuery
(
    QueryKey  varchar(64) NOT NULL,
    QueryText text        NOT NULL,
    CONSTRAINT PK_OrleansQuery PRIMARY KEY (QueryKey)
);
