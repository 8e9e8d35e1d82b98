-- Cluster membership for Microsoft.Orleans.Clustering.AdoNet.
--
-- Orleans keeps membership consistent with one version number per cluster: a silo reads
-- the table with its version, decides on a change, and the change is applied only if the
-- version is still the one it read, and bumps it. Every statement that changes a member
-- therefore touches the version row in the same statement, which also makes the version
-- row the lock that serialises concurrent changes. The provider passes the cluster id as
-- @DeploymentId and the version it read as @Version, and expects each change to answer
-- with one row holding one boolean.

CREATE TABLE IF NOT EXISTS OrleansMembershipVersionTable
(
    DeploymentId varchar(150) NOT NULL,
    ModifiedOn   timestamptz  NOT NULL DEFAULT now(),
    Version      integer      NOT NULL DEFAULT 0,
    CONSTRAINT PK_OrleansMembershipVersionTable PRIMARY KEY (DeploymentId)
);

-- Times are timestamptz because the provider passes UTC DateTime values, which Npgsql
-- sends as timestamptz; a plain timestamp column would shift them by the session's zone.
-- Status holds Orleans' SiloStatus: 3 = Active, 6 = Dead.
CREATE TABLE IF NOT EXISTS OrleansMembershipTable
(
    DeploymentId varchar(150) NOT NULL,
    Address      varchar(45)  NOT NULL,
    Port         integer      NOT NULL,
    Generation   integer      NOT NULL,
    SiloName     varchar(150) NOT NULL,
    HostName     varchar(150) NOT NULL,
    Status       integer      NOT NULL,
    ProxyPort    integer      NOT NULL,
    SuspectTimes text         NULL,
    StartTime    timestamptz  NOT NULL,
    IAmAliveTime timestamptz  NOT NULL,
    CONSTRAINT PK_OrleansMembershipTable PRIMARY KEY (DeploymentId, Address, Port, Generation),
    CONSTRAINT FK_OrleansMembershipTable_Version FOREIGN KEY (DeploymentId)
        REFERENCES OrleansMembershipVersionTable (DeploymentId)
);

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES

-- Run by every silo at start-up. Answers true only for the silo that created the row.
('InsertMembershipVersionKey', $sql$
WITH created AS (
    INSERT INTO OrleansMembershipVersionTable (DeploymentId)
    VALUES (@DeploymentId)
    ON CONFLICT (DeploymentId) DO NOTHING
    RETURNING 1
)
SELECT count(*) = 1 FROM created;
$sql$),

-- Adds a silo if it is not there yet and the table is still at the version the silo read.
-- The bump runs only when the insert can happen, so the two succeed or fail together.
('InsertMembershipKey', $sql$
WITH bumped AS (
    UPDATE OrleansMembershipVersionTable
    SET Version = Version + 1, ModifiedOn = now()
    WHERE DeploymentId = @DeploymentId
      AND Version = @Version
      AND NOT EXISTS (
          SELECT 1 FROM OrleansMembershipTable
          WHERE DeploymentId = @DeploymentId AND Address = @Address
            AND Port = @Port AND Generation = @Generation)
    RETURNING DeploymentId
),
inserted AS (
    INSERT INTO OrleansMembershipTable
        (DeploymentId, Address, Port, Generation, SiloName, HostName,
         Status, ProxyPort, StartTime, IAmAliveTime)
    SELECT DeploymentId, @Address, @Port, @Generation, @SiloName, @HostName,
           @Status, @ProxyPort, @StartTime, @IAmAliveTime
    FROM bumped
    RETURNING 1
)
SELECT count(*) = 1 FROM inserted;
$sql$),

-- Changes a silo's status and suspicions under the same version check as an insert.
('UpdateMembershipKey', $sql$
WITH bumped AS (
    UPDATE OrleansMembershipVersionTable
    SET Version = Version + 1, ModifiedOn = now()
    WHERE DeploymentId = @DeploymentId
      AND Version = @Version
      AND EXISTS (
          SELECT 1 FROM OrleansMembershipTable
          WHERE DeploymentId = @DeploymentId AND Address = @Address
            AND Port = @Port AND Generation = @Generation)
    RETURNING DeploymentId
),
updated AS (
    UPDATE OrleansMembershipTable AS m
    SET Status = @Status, SuspectTimes = @SuspectTimes, IAmAliveTime = @IAmAliveTime
    FROM bumped
    WHERE m.DeploymentId = bumped.DeploymentId AND m.Address = @Address
      AND m.Port = @Port AND m.Generation = @Generation
    RETURNING 1
)
SELECT count(*) = 1 FROM updated;
$sql$),

-- The heartbeat. It deliberately leaves the version alone: liveness is not a membership
-- change, and bumping it every few seconds would make real changes lose their races.
('UpdateIAmAlivetimeKey', $sql$
UPDATE OrleansMembershipTable
SET IAmAliveTime = @IAmAliveTime
WHERE DeploymentId = @DeploymentId AND Address = @Address
  AND Port = @Port AND Generation = @Generation;
$sql$),

-- Both reads start from the version row, so they return it even when no silo matches:
-- the provider takes the version from the first row and skips rows without a StartTime.
('MembershipReadRowKey', $sql$
SELECT v.Version, m.Address, m.Port, m.Generation, m.SiloName, m.HostName, m.Status,
       m.ProxyPort, m.SuspectTimes, m.StartTime, m.IAmAliveTime
FROM OrleansMembershipVersionTable AS v
LEFT JOIN OrleansMembershipTable AS m
    ON m.DeploymentId = v.DeploymentId AND m.Address = @Address
   AND m.Port = @Port AND m.Generation = @Generation
WHERE v.DeploymentId = @DeploymentId;
$sql$),

('MembershipReadAllKey', $sql$
SELECT v.Version, m.Address, m.Port, m.Generation, m.SiloName, m.HostName, m.Status,
       m.ProxyPort, m.SuspectTimes, m.StartTime, m.IAmAliveTime
FROM OrleansMembershipVersionTable AS v
LEFT JOIN OrleansMembershipTable AS m ON m.DeploymentId = v.DeploymentId
WHERE v.DeploymentId = @DeploymentId;
$sql$),

-- Clients find gateways here; the provider passes @Status = 3 (Active).
('GatewaysQueryKey', $sql$
SELECT Address, ProxyPort, Generation
FROM OrleansMembershipTable
WHERE DeploymentId = @DeploymentId AND Status = @Status AND ProxyPort > 0;
$sql$),

('DeleteMembershipTableEntriesKey', $sql$
DELETE FROM OrleansMembershipTable WHERE DeploymentId = @DeploymentId;
DELETE FROM OrleansMembershipVersionTable WHERE DeploymentId = @DeploymentId;
$sql$),

-- Removes dead silos that have been silent since @IAmAliveTime. The provider uses this only
-- when CleanupDefunctSiloEntryKey below is missing.
('CleanupDefunctSiloEntriesKey', $sql$
DELETE FROM OrleansMembershipTable
WHERE DeploymentId = @DeploymentId AND Status = 6 AND IAmAliveTime < @IAmAliveTime;
$sql$),

-- The row-by-row cleanup the provider prefers: it has already judged a dead row old enough
-- from a read, and passes back what it saw; the row goes only if none of that has changed
-- since, so a row rewritten in the meantime survives. An empty and a missing suspect list
-- count as the same, as they do when the provider reads them.
('CleanupDefunctSiloEntryKey', $sql$
DELETE FROM OrleansMembershipTable
WHERE DeploymentId = @DeploymentId AND Address = @Address
  AND Port = @Port AND Generation = @Generation
  AND Status = 6
  AND StartTime = @StartTime AND IAmAliveTime = @IAmAliveTime
  AND coalesce(SuspectTimes, '') = coalesce(@SuspectTimes, '');
$sql$)

ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;
