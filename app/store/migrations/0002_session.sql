-- 0002: where a group is in a debrief, so the phase and the countdown
-- survive a restart. One row per debrief, written when it changes.
-- Durations are whole milliseconds; *_since is NULL while paused.

CREATE TABLE session (
    debrief_id     INTEGER PRIMARY KEY REFERENCES debrief (id) ON DELETE CASCADE,
    phase          TEXT    NOT NULL DEFAULT 'stage'
                   CHECK (phase IN ('stage', 'factors', 'connect', 'lessons', 'kudos', 'share')),
    timer_total_ms INTEGER NOT NULL CHECK (timer_total_ms > 0),
    timer_left_ms  INTEGER NOT NULL,
    timer_since    TEXT,
    phase_timed    INTEGER NOT NULL DEFAULT 0 CHECK (phase_timed IN (0, 1)),
    phase_minutes  TEXT    NOT NULL DEFAULT '1,3,2,2,1,1', -- one whole number per phase, in step-bar order
    phase_total_ms INTEGER NOT NULL DEFAULT 0,
    phase_left_ms  INTEGER NOT NULL DEFAULT 0,
    phase_since    TEXT
);
