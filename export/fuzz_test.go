package export

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/debrief-app/debrief/app/model"
	"github.com/debrief-app/debrief/app/model/modeltest"
	"github.com/debrief-app/debrief/assets"
)

// FuzzReadJSON feeds ReadJSON anything. Whatever the input, ReadJSON must
// not panic, and:
//   - on error, no dossier comes back and the message is one printable
//     line of at most 400 characters, without encoding/json jargon, that
//     says where the problem is: the line and column of the first byte
//     that makes the file not JSON, or, for a problem the reader met before
//     any such byte, a field path such as debrief.factors[2].x (or the
//     top level, the format or the version);
//   - on success, the model accepts the dossier, and writing it, reading
//     that back and writing again gives the same dossier and the same bytes;
//   - it accepts what the reader of commit 8e05096 (refReadFile, which
//     parsed the whole file with encoding/json) accepted, into the same
//     structs, and refuses what that refused, and more only for the new
//     limits (depth, number of parts, lone surrogates).
//
// Its seed corpus, testdata/fuzz/FuzzReadJSON, is made by TestFuzzCorpus;
// files there named other than seed-* are inputs that once failed.
//
//	go test ./export -run '^$' -fuzz '^FuzzReadJSON$' -fuzztime 5m
func FuzzReadJSON(f *testing.F) {
	f.Fuzz(func(t *testing.T, data []byte) {
		checkAgainstReference(t, data)
		d, err := ReadJSON(bytes.NewReader(data))
		if err != nil {
			if d != nil {
				t.Error("a dossier was returned along with the error")
			}
			checkReadError(t, data, err)
			return
		}
		if err := d.Validate(); err != nil {
			t.Fatalf("ReadJSON returned a dossier the model refuses: %v", err)
		}
		var a bytes.Buffer
		if err := WriteJSON(&a, d); err != nil {
			t.Fatalf("what ReadJSON read cannot be written: %v", err)
		}
		d2, err := ReadJSON(bytes.NewReader(a.Bytes()))
		if err != nil {
			t.Fatalf("the export of what was read cannot be read back: %v\n%s", err, a.Bytes())
		}
		if !reflect.DeepEqual(d, d2) {
			t.Errorf("read → write → read changed the dossier:\nfirst:  %+v\nsecond: %+v", d, d2)
		}
		var b bytes.Buffer
		if err := WriteJSON(&b, d2); err != nil {
			t.Fatalf("the second write failed: %v", err)
		}
		if !bytes.Equal(a.Bytes(), b.Bytes()) {
			t.Errorf("write → read → write changed the bytes:\nfirst:\n%s\nsecond:\n%s", a.Bytes(), b.Bytes())
		}
	})
}

// checkAgainstReference reads data with the reader and with the reader of
// commit 8e05096: they must agree.
func checkAgainstReference(t *testing.T, data []byte) {
	t.Helper()
	p, err := readFile(bytes.NewReader(data))
	old, oldTitle, oldErr := refReadFile(data)
	switch {
	case err == nil && oldErr != nil:
		t.Fatalf("the reader reads what the reader of 8e05096 refused: %v", oldErr)
	case err == nil:
		if !reflect.DeepEqual(&p.fd, old) || p.titleSet != oldTitle {
			t.Fatalf("the reader and the reader of 8e05096 read different things:\nnew: %+v (title set %v)\nold: %+v (title set %v)", &p.fd, p.titleSet, old, oldTitle)
		}
	case oldErr == nil:
		var re *readError
		if !errors.As(err, &re) || !re.limit {
			t.Fatalf("the reader refuses what the reader of 8e05096 read, and not for a limit: %v", err)
		}
	}
}

var (
	// fieldPathRE is an error that starts with the place in the document.
	fieldPathRE = regexp.MustCompile(`^([a-zA-Z0-9_]+|\["(\\.|[^"\\])*"\])(\.[a-zA-Z0-9_]+|\[[0-9]+\]|\["(\\.|[^"\\])*"\])*: `)
	lineColRE   = regexp.MustCompile(`\bline ([0-9]+), column ([0-9]+)\b`)
)

// firstNotJSON is the offset of the first byte of data (after a byte order
// mark) that makes it not JSON for encoding/json, or not UTF-8; -1 if
// there is none.
func firstNotJSON(body []byte) int64 {
	bad := int64(-1)
	if !utf8.Valid(body) {
		for off := 0; off < len(body); {
			r, n := utf8.DecodeRune(body[off:])
			if r == utf8.RuneError && n <= 1 {
				bad = int64(off)
				break
			}
			off += n
		}
	}
	at := int64(-1)
	dec := json.NewDecoder(bytes.NewReader(body))
	var raw json.RawMessage
	var se *json.SyntaxError
	switch err := dec.Decode(&raw); {
	case errors.As(err, &se):
		at = se.Offset - 1
	case err != nil:
		at = int64(len(body))
	default:
		end := dec.InputOffset()
		if rest := bytes.TrimLeft(body[end:], " \t\r\n"); len(rest) > 0 {
			at = int64(len(body) - len(rest))
		}
	}
	if bad < 0 || at >= 0 && at < bad {
		bad = at
	}
	return bad
}

// checkReadError checks the message of an error ReadJSON gave for data.
// A file that is not JSON (or not UTF-8) gets the line and column of the
// first byte that makes it so, unless the reader stopped before that byte,
// at a problem it names by its place, as any other file does.
func checkReadError(t *testing.T, data []byte, err error) {
	t.Helper()
	msg := err.Error()
	if strings.TrimSpace(msg) == "" {
		t.Fatal("the error message is empty")
	}
	if !utf8.ValidString(msg) || strings.ContainsFunc(msg, unicode.IsControl) {
		t.Errorf("the error message %q is not one line of printable text", msg)
	}
	if strings.Contains(msg, "json: ") {
		t.Errorf("the error message %q has encoding/json jargon in it", msg)
	}
	if n := utf8.RuneCountInString(msg); n > 400 {
		t.Errorf("the error message is %d characters long: %.400s…", n, msg)
	}
	body := bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if len(bytes.TrimSpace(body)) == 0 {
		if !strings.Contains(msg, "empty") {
			t.Errorf("a file of white space: %q does not say it is empty", msg)
		}
		return
	}
	bad := firstNotJSON(body)
	var re *readError
	isRead := errors.As(err, &re)
	if m := lineColRE.FindStringSubmatch(msg); m != nil {
		line, _ := strconv.Atoi(m[1])
		col, _ := strconv.Atoi(m[2])
		lines := bytes.Split(body, []byte("\n"))
		if line < 1 || line > len(lines) {
			t.Fatalf("%q: the file has %d lines", msg, len(lines))
		}
		if n := utf8.RuneCount(lines[line-1]); col < 1 || col > n+1 {
			t.Errorf("%q: line %d has %d characters", msg, line, n)
		}
		depth := strings.Contains(msg, "nesting depth passes")
		switch {
		case !isRead:
			t.Errorf("%q names a line and column but comes from after the reading", msg)
		case depth && bad >= 0 && re.off > bad:
			t.Errorf("%q: the reader went past byte %d, which is not JSON", msg, bad)
		case !depth && re.off != bad:
			t.Errorf("%q is at byte %d; the first byte that is not JSON is %d", msg, re.off, bad)
		}
		if depth && !fieldPathRE.MatchString(msg) {
			t.Errorf("%q does not start with the path of the place too deep", msg)
		}
		return
	}
	if bad >= 0 && (!isRead || re.off > bad) {
		t.Errorf("%q: the reader went past byte %d, which is not JSON, without saying so", msg, bad)
	}
	ok := fieldPathRE.MatchString(msg) ||
		strings.HasPrefix(msg, "unknown top-level field ") ||
		strings.HasPrefix(msg, "this is not a Debrief file: ") ||
		strings.HasPrefix(msg, "this file is format version ")
	if !ok {
		t.Errorf("%q does not say where in the file the problem is", msg)
	}
}

// ---------------------------------------------------------------------------
// The seed corpus

const corpusDir = "testdata/fuzz/FuzzReadJSON"

// corpusSeed is one file of the seed corpus.
type corpusSeed struct {
	name string // the file name, seed-…
	data []byte
}

// corpusSeeds are every malformed file of TestReadErrors, the golden file,
// the sample, every template, and documents of exotic text.
func corpusSeeds(t testing.TB) []corpusSeed {
	t.Helper()
	var seeds []corpusSeed
	add := func(name string, data []byte) {
		seeds = append(seeds, corpusSeed{"seed-" + slug(name), data})
	}
	for _, c := range readErrorCases {
		add("error-"+c.name, []byte(c.in))
	}
	full, err := os.ReadFile("testdata/full.json")
	if err != nil {
		t.Fatal(err)
	}
	add("full", full)
	add("sample", assets.Sample())
	for _, tm := range assets.Templates() {
		add("template-"+tm.ID, tm.Data)
	}
	for _, e := range exoticSeeds(t) {
		add("exotic-"+e.name, e.data)
	}
	return seeds
}

// exoticSeeds are documents of exotic text: every short exotic string in
// the fields of one debrief as WriteJSON writes them; the same with a byte
// order mark and CRLF line ends; and text written with escapes, NULs and
// lone surrogates, and with bytes that are not UTF-8.
func exoticSeeds(t testing.TB) []corpusSeed {
	t.Helper()
	short := modeltest.Short()
	at := func(i int) string { return short[i%len(short)].S }
	d := &model.Dossier{Debrief: model.Debrief{
		Title: at(7) + " " + at(0), Summary: at(5), TimeboxMinutes: 30, Status: model.Reviewed,
		HappenedAt: time.Date(2026, 11, 20, 14, 0, 0, 0, time.UTC), Template: "failed-test",
	}}
	for i, x := range short {
		d.Debrief.Participants = append(d.Debrief.Participants, x.S)
		d.Factors = append(d.Factors, model.Factor{ID: int64(i + 1), Text: x.S, Category: model.Categories()[i%7],
			X: float64(i) * 260, Y: 40, W: 220, H: 120, Z: i, Author: at(i + 1), Votes: i % 3})
	}
	d.Links = []model.Link{{FromID: 1, ToID: 2, Label: at(1)}, {FromID: 3, ToID: 2, Label: at(6)}}
	d.Lesson = model.Lesson{WhatLed: at(2), WentWell: at(3), Lucky: at(4),
		Reflections: model.Reflections{Nags: at(8), BlameOrCauses: at(9), Safer: at(10), Celebrate: at(11)}}
	d.WarningSigns = []model.WarningSign{{Text: at(12), FactorID: 4}, {Text: at(5)}}
	d.Changes = []model.ProcessChange{{What: at(6), Owner: at(7), Measure: at(0), Chosen: true, Outcome: model.Kept,
		OutcomeNote: at(1), CheckBack: time.Date(2027, 1, 31, 0, 0, 0, 0, time.UTC)}}
	d.Kudos = []model.Kudos{{Who: at(7), For: at(2), FactorID: 5}}
	if err := d.Validate(); err != nil {
		t.Fatalf("the exotic dossier is not valid: %v", err)
	}
	var buf bytes.Buffer
	if err := WriteJSON(&buf, d); err != nil {
		t.Fatal(err)
	}
	fields := buf.Bytes()
	crlf := append([]byte("\xef\xbb\xbf"), bytes.ReplaceAll(fields, []byte("\n"), []byte("\r\n"))...)
	escapes := []byte(head + `{"title": "\u005a\u006f\u00eb \ud83d\ude80 \u0000 \u202e",
		"summary": "a pair \ud83d\ude80, escaped \\ud800, \u2028 \u0085 \t\r\n\b\f\/ \"",
		"participants": ["\u0041na", "\uFEFFBOM"],
		"factors": [{"key": "\u00e9", "text": "NUL\u0000NUL \u001b[31m red", "author": "Zo\u00eb"}, {"key": "e\u0301"}],
		"links": [{"from": "\u00e9", "to": "e\u0301", "label": "\u05e2\u05d1"}]}}`)
	notUTF8 := []byte(head + "{\"title\": \"caf\xe9 \xff\xfe\", \"summary\": \"cut \xe2\x82 surrogate \xed\xa0\x80 overlong \xc0\xaf\"," +
		" \"factors\": [{\"text\": \"\x80\x81\", \"author\": \"Zo\xeb\"}]}}")
	lone := []byte(head + `{"title": "T", "summary": "lone \ud800 surrogate, low \udc00 too",
		"factors": [{"text": "\ud83d\u0041"}]}}`)
	return []corpusSeed{{"fields", fields}, {"bom-crlf", crlf}, {"escapes", escapes}, {"not-utf8", notUTF8}, {"lone-surrogates", lone}}
}

// slug makes a case name a file name: lower case, words joined by hyphens.
func slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
		} else {
			dash = true
		}
	}
	return b.String()
}

// corpusFile is data in the format of Go's fuzzing corpus.
func corpusFile(data []byte) []byte {
	return []byte(fmt.Sprintf("go test fuzz v1\n[]byte(%q)\n", data))
}

// TestFuzzCorpus checks that the seed corpus is what corpusSeeds makes;
// with -update it writes it (and removes seeds no longer made), leaving
// the other files, inputs that once failed, alone:
//
//	go test ./export -run '^TestFuzzCorpus$' -update
func TestFuzzCorpus(t *testing.T) {
	seeds := corpusSeeds(t)
	made := map[string]bool{}
	for _, s := range seeds {
		if made[s.name] {
			t.Fatalf("two seeds are named %s", s.name)
		}
		made[s.name] = true
	}
	if *update {
		if err := os.MkdirAll(corpusDir, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	entries, err := os.ReadDir(corpusDir)
	if err != nil {
		t.Fatalf("%v (run go test ./export -run '^TestFuzzCorpus$' -update to make the corpus)", err)
	}
	for _, e := range entries {
		path := filepath.Join(corpusDir, e.Name())
		if !strings.HasPrefix(e.Name(), "seed-") {
			// An input that once failed: it must stay a readable corpus file.
			b, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.HasPrefix(b, []byte("go test fuzz v1\n[]byte(")) {
				t.Errorf("%s is not a corpus file of one []byte", path)
			}
			continue
		}
		if made[e.Name()] {
			continue
		}
		if *update {
			if err := os.Remove(path); err != nil {
				t.Fatal(err)
			}
			t.Logf("removed %s", path)
			continue
		}
		t.Errorf("%s is a seed corpusSeeds no longer makes (run with -update)", path)
	}
	for _, s := range seeds {
		path := filepath.Join(corpusDir, s.name)
		want := corpusFile(s.data)
		if *update {
			if old, err := os.ReadFile(path); err == nil && bytes.Equal(old, want) {
				continue
			}
			if err := os.WriteFile(path, want, 0o644); err != nil {
				t.Fatal(err)
			}
			t.Logf("wrote %s", path)
			continue
		}
		got, err := os.ReadFile(path)
		if err != nil {
			t.Errorf("%v (run go test ./export -run '^TestFuzzCorpus$' -update)", err)
			continue
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s is out of date (run go test ./export -run '^TestFuzzCorpus$' -update)", path)
		}
	}
}

// TestFuzzCorpusCoversTheOutcomes makes sure the seeds reach both ends of
// the fuzz target: some read, some are refused.
func TestFuzzCorpusCoversTheOutcomes(t *testing.T) {
	read, refused := 0, 0
	for _, s := range corpusSeeds(t) {
		if _, err := ReadJSON(bytes.NewReader(s.data)); err != nil {
			refused++
		} else {
			read++
		}
	}
	if read < 10 || refused < len(readErrorCases) {
		t.Errorf("%d seeds read and %d refused; want the sample, the templates, the exotic files and every error case", read, refused)
	}
}

// FuzzReadJSONMemory feeds ReadJSON anything and measures the memory it
// allocates (runtime.MemStats.TotalAlloc): at most 1 MB, or
// allocBytesPerInputByte bytes per byte of input plus partBytes per part
// (card, link, participant, …) it kept, whichever is more. Its seeds are
// the corpus of FuzzReadJSON and the bombs of json_limits_test.go at 4 KB.
//
//	go test ./export -run '^$' -fuzz '^FuzzReadJSONMemory$' -fuzztime 60s
func FuzzReadJSONMemory(f *testing.F) {
	for _, s := range corpusSeeds(f) {
		f.Add(s.data)
	}
	for _, b := range bombs {
		f.Add(b.make(4 << 10))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		p, err := readFile(bytes.NewReader(data))
		if err == nil {
			_, err = fromFile(&p.fd, p.titleSet)
		}
		runtime.ReadMemStats(&after)
		got := after.TotalAlloc - before.TotalAlloc
		limit := max(1<<20, uint64(allocBytesPerInputByte*len(data)+partBytes*p.parts))
		if got > limit {
			t.Errorf("%d bytes of input, %d parts kept, took %d bytes of memory; the bound is %d (error: %.200v)", len(data), p.parts, got, limit, err)
		}
	})
}

// partBytes is the most ReadJSON allocates for one part of a debrief (a
// card, link, warning sign, change, kudos or participant) beyond the bytes
// of the file that spell it: the struct in the file, its copy in the
// dossier, and their share of the slices as they grow.
const partBytes = 1024
