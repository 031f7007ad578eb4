-- 0001: the first Debrief schema.
-- Times are RFC 3339 text in UTC; dates are YYYY-MM-DD text; NULL means "not set".

CREATE TABLE debrief (
    id              INTEGER PRIMARY KEY,
    title           TEXT    NOT NULL CHECK (length(trim(title)) > 0),
    summary         TEXT    NOT NULL DEFAULT '',
    happened_at     TEXT,
    scheduled_at    TEXT,
    timebox_minutes INTEGER NOT NULL DEFAULT 10 CHECK (timebox_minutes BETWEEN 1 AND 600),
    template        TEXT    NOT NULL DEFAULT '',
    status          TEXT    NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'reviewed', 'closed')),
    created_at      TEXT    NOT NULL,
    updated_at      TEXT    NOT NULL
);

CREATE TABLE participant (
    debrief_id INTEGER NOT NULL REFERENCES debrief (id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    name       TEXT    NOT NULL,
    PRIMARY KEY (debrief_id, position)
);

CREATE TABLE factor (
    id         INTEGER PRIMARY KEY,
    debrief_id INTEGER NOT NULL REFERENCES debrief (id) ON DELETE CASCADE,
    text       TEXT    NOT NULL DEFAULT '',
    category   TEXT    NOT NULL CHECK (category IN ('technical', 'people', 'process', 'context', 'warning', 'went-well', 'lucky')),
    x          REAL    NOT NULL,
    y          REAL    NOT NULL,
    w          REAL    NOT NULL CHECK (w > 0),
    h          REAL    NOT NULL CHECK (h > 0),
    z          INTEGER NOT NULL DEFAULT 0,
    author     TEXT CHECK (author IS NULL OR author <> ''), -- NULL: anonymous
    votes      INTEGER NOT NULL DEFAULT 0 CHECK (votes >= 0),
    created_at TEXT    NOT NULL
);
CREATE INDEX factor_by_debrief ON factor (debrief_id, z);

CREATE TABLE link (
    id          INTEGER PRIMARY KEY,
    debrief_id  INTEGER NOT NULL REFERENCES debrief (id) ON DELETE CASCADE,
    from_factor INTEGER NOT NULL REFERENCES factor (id) ON DELETE CASCADE,
    to_factor   INTEGER NOT NULL REFERENCES factor (id) ON DELETE CASCADE,
    label       TEXT    NOT NULL DEFAULT '',
    CHECK (from_factor <> to_factor),
    UNIQUE (from_factor, to_factor)
);
CREATE INDEX link_by_debrief ON link (debrief_id);
CREATE INDEX link_by_to ON link (to_factor);

CREATE TABLE lesson (
    debrief_id              INTEGER PRIMARY KEY REFERENCES debrief (id) ON DELETE CASCADE,
    what_led                TEXT NOT NULL DEFAULT '',
    went_well               TEXT NOT NULL DEFAULT '',
    lucky                   TEXT NOT NULL DEFAULT '',
    reflect_nags            TEXT NOT NULL DEFAULT '',
    reflect_blame_or_causes TEXT NOT NULL DEFAULT '',
    reflect_safer           TEXT NOT NULL DEFAULT '',
    reflect_celebrate       TEXT NOT NULL DEFAULT ''
);

CREATE TABLE warning_sign (
    id         INTEGER PRIMARY KEY,
    debrief_id INTEGER NOT NULL REFERENCES debrief (id) ON DELETE CASCADE,
    position   INTEGER NOT NULL DEFAULT 0,
    text       TEXT    NOT NULL CHECK (text <> ''),
    factor_id  INTEGER REFERENCES factor (id) ON DELETE SET NULL
);
CREATE INDEX warning_sign_by_debrief ON warning_sign (debrief_id, position);
CREATE INDEX warning_sign_by_factor ON warning_sign (factor_id);

CREATE TABLE process_change (
    id           INTEGER PRIMARY KEY,
    debrief_id   INTEGER NOT NULL REFERENCES debrief (id) ON DELETE CASCADE,
    what         TEXT    NOT NULL CHECK (what <> ''),
    owner        TEXT    NOT NULL DEFAULT '',
    check_back   TEXT,
    measure      TEXT    NOT NULL DEFAULT '',
    votes        INTEGER NOT NULL DEFAULT 0 CHECK (votes >= 0),
    chosen       INTEGER NOT NULL DEFAULT 0 CHECK (chosen IN (0, 1)),
    outcome      TEXT    NOT NULL DEFAULT '' CHECK (outcome IN ('', 'kept', 'adjusted', 'dropped')),
    outcome_note TEXT    NOT NULL DEFAULT '',
    created_at   TEXT    NOT NULL
);
CREATE INDEX process_change_by_debrief ON process_change (debrief_id);
-- The rule of the practice: exactly one change is chosen per debrief.
CREATE UNIQUE INDEX process_change_one_chosen ON process_change (debrief_id) WHERE chosen = 1;

CREATE TABLE kudos (
    id         INTEGER PRIMARY KEY,
    debrief_id INTEGER NOT NULL REFERENCES debrief (id) ON DELETE CASCADE,
    who        TEXT    NOT NULL CHECK (who <> ''),
    what       TEXT    NOT NULL DEFAULT '', -- what they spotted or called out
    factor_id  INTEGER REFERENCES factor (id) ON DELETE SET NULL,
    created_at TEXT    NOT NULL
);
CREATE INDEX kudos_by_debrief ON kudos (debrief_id);
CREATE INDEX kudos_by_factor ON kudos (factor_id);
