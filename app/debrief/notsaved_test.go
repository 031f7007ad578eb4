package debrief

import (
	"errors"
	"fmt"
	"strings"
	"syscall"
	"testing"
)

// The "Not saved" banner names the cause it was given and only the help
// that fits it: a refused change is not blamed on the disk.
func TestNotSavedSaysTheRightCause(t *testing.T) {
	wrap := func(err error) error {
		return fmt.Errorf("could not save; your change is kept and Debrief keeps trying: %w", err)
	}
	tests := []struct {
		err       error
		want, not []string
	}{
		{wrap(errors.New("database or disk is full (13)")), []string{"is it full?", "free some disk space"}, []string{"permissions"}},
		{wrap(syscall.EFBIG), []string{"is it full?"}, []string{"permissions"}},
		{wrap(errors.New("attempt to write a readonly database (8)")), []string{"read-only", "permissions"}, []string{"disk space"}},
		{wrap(errors.New("save card 7: the ID belongs to another debrief")), []string{"another debrief", "save a copy"}, []string{"disk space", "permissions"}},
	}
	for _, tt := range tests {
		got := notSavedText(tt.err)
		for _, w := range tt.want {
			if !strings.Contains(got, w) {
				t.Errorf("%v: %q lacks %q", tt.err, got, w)
			}
		}
		for _, n := range tt.not {
			if strings.Contains(got, n) {
				t.Errorf("%v: %q says %q, which is not the cause", tt.err, got, n)
			}
		}
	}
}
