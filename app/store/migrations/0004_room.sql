-- 0004: the room. Cards written on participants' devices are stored face
-- down (face = 1) until the facilitator reveals them; a card hidden as
-- abuse (face = 2) stays in the database but is never shown, counted,
-- searched or exported. A template's question on the board (face = 3) is
-- drawn, but not counted or exported as a factor until someone writes
-- its text. pending_votes are votes cast on devices that nobody sees
-- until the facilitator shows them: a count per card, never per device.

ALTER TABLE factor ADD COLUMN face INTEGER NOT NULL DEFAULT 0 CHECK (face IN (0, 1, 2, 3));
ALTER TABLE factor ADD COLUMN pending_votes INTEGER NOT NULL DEFAULT 0 CHECK (pending_votes >= 0);
