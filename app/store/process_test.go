package store_test

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/debrief-app/debrief/app/model"
	"github.com/debrief-app/debrief/app/store"
)

// Tests that need a second process start this test binary again with
// -test.run=^TestHelperProcess$ and DEBRIEF_TEST_HELPER saying what to do.
// The child talks on its standard output, one line per event, and ends
// when its standard input closes (so it never outlives the test).

// TestHelperProcess is the child's side; in the test run itself it does
// nothing.
func TestHelperProcess(t *testing.T) {
	mode := os.Getenv("DEBRIEF_TEST_HELPER")
	if mode == "" {
		return
	}
	var err error
	switch mode {
	case "lock":
		err = helperLock(os.Getenv("DEBRIEF_TEST_DB"))
	case "write":
		n, _ := strconv.Atoi(os.Getenv("DEBRIEF_TEST_N"))
		err = helperWrite(os.Getenv("DEBRIEF_TEST_DB"), os.Getenv("DEBRIEF_TEST_WHO"), n)
	default:
		err = fmt.Errorf("unknown helper mode %q", mode)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "helper:", err)
		os.Exit(3)
	}
	os.Exit(0)
}

// helperLock takes the instance lock and watches for requests to come
// forward, printing "locked PID" and then "shown ID" for each.
func helperLock(db string) error {
	lock, err := store.LockInstance(db)
	if err != nil {
		return err
	}
	stop := lock.Watch(10*time.Millisecond, func(id int64) { fmt.Printf("shown %d\n", id) })
	fmt.Printf("locked %d\n", os.Getpid())
	io.Copy(io.Discard, os.Stdin)
	stop()
	return lock.Release()
}

// helperWrite opens the database, prints "ready", waits for a line on
// standard input, then writes n transactions (each a debrief titled
// "WHO i" with one card), a millisecond apart, and prints "done".
func helperWrite(db, who string, n int) error {
	ctx := context.Background()
	h, err := store.Open(db)
	if err != nil {
		return err
	}
	defer h.Close()
	fmt.Println("ready")
	if _, err := bufio.NewReader(os.Stdin).ReadString('\n'); err != nil {
		return err
	}
	for i := 0; i < n; i++ {
		err := h.WithTx(ctx, func(tx *store.Queries) error {
			d := model.NewDebrief(fmt.Sprintf("%s %d", who, i))
			if err := tx.CreateDebrief(ctx, &d); err != nil {
				return err
			}
			f := model.Factor{DebriefID: d.ID, Text: fmt.Sprintf("card of %s %d", who, i), Category: model.Technical, W: 1, H: 1}
			return tx.CreateFactor(ctx, &f)
		})
		if err != nil {
			return fmt.Errorf("transaction %d: %w", i, err)
		}
		// A pause, as between a person's edits. Without it one process
		// writes all its transactions before the other's busy handler
		// (which sleeps 1, 2, 5, 10 ... ms between tries) gets a turn, and
		// the two hardly overlap.
		time.Sleep(time.Millisecond)
	}
	if err := h.Close(); err != nil {
		return err
	}
	fmt.Println("done")
	return nil
}

// child is a helper process.
type child struct {
	t      *testing.T
	cmd    *exec.Cmd
	stdin  io.WriteCloser
	out    *bufio.Reader
	stderr bytes.Buffer
}

// startChild starts a helper process in mode with the environment env.
func startChild(t *testing.T, mode string, env ...string) *child {
	t.Helper()
	c := &child{t: t}
	c.cmd = exec.Command(os.Args[0], "-test.run=^TestHelperProcess$")
	c.cmd.Env = append(append(os.Environ(), "DEBRIEF_TEST_HELPER="+mode), env...)
	c.cmd.Stderr = &c.stderr
	var err error
	if c.stdin, err = c.cmd.StdinPipe(); err != nil {
		t.Fatal(err)
	}
	stdout, err := c.cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	c.out = bufio.NewReader(stdout)
	if err := c.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		c.stdin.Close()
		if c.cmd.ProcessState == nil {
			c.cmd.Process.Kill()
			c.cmd.Wait()
		}
	})
	return c
}

// line reads the child's next line; the child ending instead is fatal.
func (c *child) line() string {
	c.t.Helper()
	s, err := c.out.ReadString('\n')
	if err != nil {
		c.cmd.Wait()
		c.t.Fatalf("the child ended (%v) instead of answering; its stderr: %s", err, c.stderr.String())
	}
	return strings.TrimSuffix(s, "\n")
}

// wait closes the child's standard input and waits for it to end well.
func (c *child) wait() {
	c.t.Helper()
	c.stdin.Close()
	if err := c.cmd.Wait(); err != nil {
		c.t.Fatalf("child: %v; its stderr: %s", err, c.stderr.String())
	}
}
