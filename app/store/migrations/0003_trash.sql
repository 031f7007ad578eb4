-- 0003: the Trash. Deleting a debrief in the library (or with
-- `debrief delete`) only sets deleted_at; every row of the debrief stays
-- where it is, so restoring it is exact. NULL means it is in the library.
-- After 30 days in the Trash a debrief is deleted for good, cascading.

ALTER TABLE debrief ADD COLUMN deleted_at TEXT;
CREATE INDEX debrief_in_trash ON debrief (deleted_at) WHERE deleted_at IS NOT NULL;
