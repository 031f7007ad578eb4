package assets

import _ "embed"

//go:embed icon.png
var icon []byte

// Icon is the application icon as PNG bytes (512×512; drawn in icon.svg).
func Icon() []byte { return icon }
