-- 0005: groups. Every debrief belongs to exactly one group (a family, a
-- club, a team), and "Last time", the check-ins and insights are read per
-- group. A database made before has one group, "My debriefs", holding
-- every debrief. A group has optional members (names offered in "Who is
-- here") and its own defaults for a new debrief.
--
-- debrief.group_id has no REFERENCES clause: SQLite refuses to add a
-- column with one and a non-NULL default while foreign keys are on. The
-- store keeps it right instead: a group row is deleted only in the same
-- transaction as its last debrief, and group 1 is made here.

CREATE TABLE debrief_group (
    id              INTEGER PRIMARY KEY,
    name            TEXT    NOT NULL CHECK (length(trim(name)) > 0),
    template        TEXT    NOT NULL DEFAULT '',
    timebox_minutes INTEGER NOT NULL DEFAULT 10 CHECK (timebox_minutes BETWEEN 1 AND 600),
    dots            INTEGER NOT NULL DEFAULT 3 CHECK (dots BETWEEN 1 AND 10),
    created_at      TEXT    NOT NULL,
    deleted_at      TEXT
);

CREATE TABLE group_member (
    group_id INTEGER NOT NULL REFERENCES debrief_group (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    name     TEXT    NOT NULL CHECK (name <> ''),
    PRIMARY KEY (group_id, position)
);

INSERT INTO debrief_group (id, name, created_at) VALUES (1, 'My debriefs', strftime('%Y-%m-%dT%H:%M:%SZ', 'now'));

ALTER TABLE debrief ADD COLUMN group_id INTEGER NOT NULL DEFAULT 1 CHECK (group_id > 0);
CREATE INDEX debrief_by_group ON debrief (group_id, deleted_at);
