package assets

import _ "embed"

// The PDF's fonts for Hebrew and Arabic, which Fyne's Noto Sans lacks:
// subsets of DejaVu Sans with the Arabic presentation forms the PDF draws
// shaped Arabic with (fonts/LICENSE-DejaVu.txt says how they were made).
// They are embedded so that a PDF does not depend on the fonts of the
// machine it is made on.
var (
	//go:embed fonts/DejaVuSans-ArabicHebrew.ttf
	arabicHebrew []byte
	//go:embed fonts/DejaVuSans-Bold-ArabicHebrew.ttf
	arabicHebrewBold []byte
)

// ArabicHebrewFont returns the regular TrueType font for Hebrew and Arabic.
// The slice is shared: callers must not change it.
func ArabicHebrewFont() []byte { return arabicHebrew }

// ArabicHebrewBoldFont returns the bold TrueType font for Hebrew and Arabic.
// The slice is shared: callers must not change it.
func ArabicHebrewBoldFont() []byte { return arabicHebrewBold }
