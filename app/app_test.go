package app

import (
	"os"
	"regexp"
	"testing"
)

// FyneApp.toml is what `fyne package` reads; the code's constants must agree
// with it, or the packaged app would look for its data in another folder.
func TestFyneAppTomlMatchesCode(t *testing.T) {
	b, err := os.ReadFile("../FyneApp.toml")
	if err != nil {
		t.Fatal(err)
	}
	for key, want := range map[string]string{"ID": AppID, "Version": Version, "Name": "Debrief", "Icon": "assets/icon.png"} {
		m := regexp.MustCompile(`(?m)^\s*` + key + `\s*=\s*"([^"]*)"`).FindSubmatch(b)
		if m == nil || string(m[1]) != want {
			t.Errorf("FyneApp.toml %s = %q, want %q", key, m, want)
		}
	}
	if _, err := os.Stat("../assets/icon.png"); err != nil {
		t.Errorf("the icon FyneApp.toml names is missing: %v", err)
	}
}
