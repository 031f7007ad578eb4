package ui

import "fyne.io/fyne/v2"

// These widgets say what they are to assistive technology
// (fyne.Accessible): a label a person would read, and a role.
var (
	_ fyne.Accessible = (*Pill)(nil)
	_ fyne.Accessible = (*FitText)(nil)
)

// AccessibilityLabel is the pill's text, such as "Reviewed".
func (p *Pill) AccessibilityLabel() string { return "Status: " + p.text }

// AccessibilityRole of a pill is text.
func (p *Pill) AccessibilityRole() fyne.AccessibleRole { return fyne.AccessibleRoleText }

// AccessibilityLabel is the text shown.
func (t *FitText) AccessibilityLabel() string { return t.text }

// AccessibilityRole of fitted text is text.
func (t *FitText) AccessibilityRole() fyne.AccessibleRole { return fyne.AccessibleRoleText }
