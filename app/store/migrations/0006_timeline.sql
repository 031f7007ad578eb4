-- 0006: the timeline of what happened when (Set the stage). at is the
-- time exactly as it was typed ("14:30", "2026-12-04 14:30" or ISO 8601),
-- so it reads back as written; the app sorts by what it means, and keeps
-- the order written (position) for events at the same time. kind is one
-- of the moments every post-mortem template asks for, or none.
-- (0005 is another change's number: the runner applies whatever numbers
-- it finds, in order.)

CREATE TABLE timeline_event (
    id         INTEGER PRIMARY KEY,
    debrief_id INTEGER NOT NULL REFERENCES debrief (id) ON DELETE CASCADE,
    position   INTEGER NOT NULL DEFAULT 0,
    at         TEXT    NOT NULL CHECK (at <> ''),
    text       TEXT    NOT NULL CHECK (text <> ''),
    kind       TEXT    NOT NULL DEFAULT '' CHECK (kind IN ('', 'started', 'noticed', 'tried', 'fixed'))
);
CREATE INDEX timeline_event_by_debrief ON timeline_event (debrief_id, position);
