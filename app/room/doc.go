// Package room is the room: a small HTTP server on the local network that
// lets everyone in a debrief write cards, vote, propose changes and give
// kudos from their own phone or laptop, anonymously, into the open
// debrief's session. It imports no Fyne; the app shows its panel.
//
// docs/room.md says how it works, what it promises about privacy and what
// its API is.
package room
