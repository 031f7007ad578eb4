package export

import (
	"testing"

	"github.com/debrief-app/debrief/app/model"
)

// BenchmarkPDFSample and BenchmarkPDF5000 (pdf_test.go, through benchPDF)
// time the PDF against the targets: the sample in 100 ms and 150 KB, 5,000
// cards in 1 s. The benchmarks here add Markdown of the same dossiers as
// their baselines, and the PDF of a synthetic board, whose card texts vary
// in length as real ones do.

// BenchmarkPDFSynthetic5000 is the PDF of Synthetic(5000, 1666, 1).
func BenchmarkPDFSynthetic5000(b *testing.B) { benchPDF(b, Synthetic(5000, 1666, 1)) }

// BenchmarkMarkdownSample is BenchmarkPDFSample's baseline.
func BenchmarkMarkdownSample(b *testing.B) { benchMarkdown(b, pdfSample(b)) }

// BenchmarkMarkdown5000 is BenchmarkPDF5000's baseline: the same board.
func BenchmarkMarkdown5000(b *testing.B) { benchMarkdown(b, pdfBoard(5000, 100, true)) }

// BenchmarkMarkdownSynthetic5000 is BenchmarkPDFSynthetic5000's baseline.
func BenchmarkMarkdownSynthetic5000(b *testing.B) { benchMarkdown(b, Synthetic(5000, 1666, 1)) }

// benchMarkdown times WriteMarkdown on d and reports the output's size.
func benchMarkdown(b *testing.B, d *model.Dossier) {
	var n countWriter
	for b.Loop() {
		n = 0
		if err := WriteMarkdown(&n, d, MarkdownOptions{Created: pdfCreated}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(n), "bytes")
}

// countWriter counts what is written to it and keeps nothing.
type countWriter int

func (c *countWriter) Write(p []byte) (int, error) {
	*c += countWriter(len(p))
	return len(p), nil
}
