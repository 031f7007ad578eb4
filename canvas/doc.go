// Package canvas is Debrief's whiteboard: the Board widget that shows a
// debrief's factors as cards, with links, selection, pan and zoom,
// arrangement and undo. It keeps only what is visible in Fyne's object tree
// and answers viewport and hit-test queries from a spatial index.
//
// The board never touches the disk. Every finished operation is reported
// as one Change through Board.OnChange; the application stores it.
package canvas
