-- Grain state for Microsoft.Orleans.Persistence.AdoNet.
--
-- The provider names a grain by its service, its grain type and its key: a long key arrives
-- as @GrainIdN1 (with @GrainIdN0 = 0), a Guid key as the two halves @GrainIdN0/@GrainIdN1,
-- and a string key, or the extension of a compound key, as @GrainIdExtensionString (NULL
-- when there is none). It also passes two 32-bit hashes, @GrainIdHash and @GrainTypeHash,
-- so lookups can seek on two integers first and compare the long strings only on the few
-- rows that share them.
--
-- Version is the ETag. The provider passes the version it last saw as @GrainStateVersion
-- (NULL for a grain it has never seen stored) and treats an answer of NULL as "someone else
-- wrote in between", which surfaces in the grain as an InconsistentStateException.
-- Versions wrap from 2^31-1 back to 1, so a hot grain never overflows; only equality matters.
CREATE TABLE IF NOT EXISTS OrleansStorage
(
    GrainIdHash            integer      NOT NULL,
    GrainIdN0              bigint       NOT NULL,
    GrainIdN1              bigint       NOT NULL,
    GrainTypeHash          integer      NOT NULL,
    GrainTypeString        varchar(512) NOT NULL,
    GrainIdExtensionString varchar(512) NULL,
    ServiceId              varchar(150) NOT NULL,
    PayloadBinary          bytea        NULL,
    ModifiedOn             timestamptz  NOT NULL,
    Version                integer      NOT NULL
);

-- One row per grain. The hashes lead so the index serves every lookup; NULLS NOT DISTINCT
-- (PostgreSQL 15) makes two grains without a key extension collide as they should, which
-- is what turns a racing first write into a conflict instead of a second row.
CREATE UNIQUE INDEX IF NOT EXISTS UX_OrleansStorage_Grain ON OrleansStorage
    (GrainIdHash, GrainTypeHash, GrainIdN0, GrainIdN1, ServiceId, GrainTypeString, GrainIdExtensionString)
    NULLS NOT DISTINCT;

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES

-- No row means a grain never written; a row with a NULL payload means a cleared one.
('ReadFromStorageKey', $sql$
SELECT PayloadBinary, Version
FROM OrleansStorage
WHERE GrainIdHash = @GrainIdHash AND GrainTypeHash = @GrainTypeHash
  AND GrainIdN0 = @GrainIdN0 AND GrainIdN1 = @GrainIdN1
  AND ServiceId = @ServiceId AND GrainTypeString = @GrainTypeString
  AND GrainIdExtensionString IS NOT DISTINCT FROM @GrainIdExtensionString;
$sql$),

-- A known version updates the row only if it still holds that version; no version inserts
-- the first row, and ON CONFLICT turns a row that already exists into a conflict. Exactly
-- one row comes back either way, holding the new version or NULL.
('WriteToStorageKey', $sql$
WITH updated AS (
    UPDATE OrleansStorage
    SET PayloadBinary = @PayloadBinary, ModifiedOn = now(), Version = Version % 2147483647 + 1
    WHERE @GrainStateVersion IS NOT NULL
      AND GrainIdHash = @GrainIdHash AND GrainTypeHash = @GrainTypeHash
      AND GrainIdN0 = @GrainIdN0 AND GrainIdN1 = @GrainIdN1
      AND ServiceId = @ServiceId AND GrainTypeString = @GrainTypeString
      AND GrainIdExtensionString IS NOT DISTINCT FROM @GrainIdExtensionString
      AND Version = @GrainStateVersion
    RETURNING Version
),
inserted AS (
    INSERT INTO OrleansStorage
        (GrainIdHash, GrainIdN0, GrainIdN1, GrainTypeHash, GrainTypeString,
         GrainIdExtensionString, ServiceId, PayloadBinary, ModifiedOn, Version)
    SELECT @GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash, @GrainTypeString,
           @GrainIdExtensionString, @ServiceId, @PayloadBinary, now(), 1
    WHERE @GrainStateVersion IS NULL
    ON CONFLICT DO NOTHING
    RETURNING Version
)
SELECT (SELECT Version FROM updated UNION ALL SELECT Version FROM inserted) AS NewGrainStateVersion;
$sql$),

-- Clearing keeps the row and its version history: the payload goes, the version moves on,
-- so a writer holding the pre-clear ETag still conflicts.
('ClearStorageKey', $sql$
WITH cleared AS (
    UPDATE OrleansStorage
    SET PayloadBinary = NULL, ModifiedOn = now(), Version = Version % 2147483647 + 1
    WHERE GrainIdHash = @GrainIdHash AND GrainTypeHash = @GrainTypeHash
      AND GrainIdN0 = @GrainIdN0 AND GrainIdN1 = @GrainIdN1
      AND ServiceId = @ServiceId AND GrainTypeString = @GrainTypeString
      AND GrainIdExtensionString IS NOT DISTINCT FROM @GrainIdExtensionString
      AND Version = @GrainStateVersion
    RETURNING Version
)
SELECT (SELECT Version FROM cleared) AS NewGrainStateVersion;
$sql$),

-- Used instead of ClearStorageKey when DeleteStateOnClear is set. The provider only checks
-- that the answer is non-NULL and differs from the version it sent, then forgets the ETag.
('DeleteStorageKey', $sql$
WITH deleted AS (
    DELETE FROM OrleansStorage
    WHERE GrainIdHash = @GrainIdHash AND GrainTypeHash = @GrainTypeHash
      AND GrainIdN0 = @GrainIdN0 AND GrainIdN1 = @GrainIdN1
      AND ServiceId = @ServiceId AND GrainTypeString = @GrainTypeString
      AND GrainIdExtensionString IS NOT DISTINCT FROM @GrainIdExtensionString
      AND Version = @GrainStateVersion
    RETURNING Version
)
SELECT (SELECT Version % 2147483647 + 1 FROM deleted) AS NewGrainStateVersion;
$sql$)

ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;
