package report

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// Formats lists the file formats WriteFiles knows, in the order a CLI
// should offer them.
var Formats = []string{"junit", "json", "html", "markdown", "sarif"}

// fileFormats maps a format to its file name and writer.
var fileFormats = map[string]struct {
	name  string
	write func(io.Writer, *Run) error
}{
	"junit":    {"plumb-junit.xml", WriteJUnit},
	"json":     {"plumb-report.json", WriteJSON},
	"html":     {"plumb-report.html", WriteHTML},
	"markdown": {"plumb-report.md", WriteMarkdown},
	"sarif":    {"plumb-report.sarif", WriteSARIF},
}

// FileName is the file WriteFiles writes for format, e.g. "plumb-junit.xml".
func FileName(format string) (string, error) {
	f, ok := fileFormats[strings.ToLower(strings.TrimSpace(format))]
	if !ok {
		return "", unknownFormat(format)
	}
	return f.name, nil
}

func unknownFormat(format string) error {
	return fmt.Errorf("report: unknown format %q (known: %s)", format, strings.Join(Formats, ", "))
}

// WriteFiles writes r to dir (created if missing) in each of formats
// (plumb-junit.xml, plumb-report.json, plumb-report.html, plumb-report.md, plumb-report.sarif)
// and returns the paths written, in the order of formats; a format named
// twice is written once, and no formats means all of Formats. Every format is checked before anything is
// written, and each file is written to a temporary name and renamed, so a
// failure never leaves a half-written report behind.
func WriteFiles(dir string, r *Run, formats []string) ([]string, error) {
	if r == nil {
		return nil, fmt.Errorf("report: WriteFiles: nil run")
	}
	if len(formats) == 0 {
		formats = Formats
	}
	var wanted []string
	for _, f := range formats {
		f = strings.ToLower(strings.TrimSpace(f))
		if _, ok := fileFormats[f]; !ok {
			return nil, unknownFormat(f)
		}
		if !slices.Contains(wanted, f) {
			wanted = append(wanted, f)
		}
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("report: creating report directory: %w", err)
	}
	var paths []string
	for _, f := range wanted {
		ff := fileFormats[f]
		path := filepath.Join(dir, ff.name)
		var failed error
		err := writeFileAtomic(path, func(w io.Writer) error {
			failed = ff.write(w, r)
			return failed
		})
		if failed != nil {
			return paths, fmt.Errorf("report: writing %s report: %w", f, failed)
		}
		if err != nil {
			return paths, fmt.Errorf("report: writing %s: %w", path, err)
		}
		paths = append(paths, path)
	}
	return paths, nil
}

// writeFileAtomic streams write's output to a temporary file beside path and renames it to
// path. Streaming, not buffering the whole report first: a run with hundreds of findings makes
// reports of megabytes, and holding each in memory (growing by doubling) was the peak of a
// run's memory.
func writeFileAtomic(path string, write func(io.Writer) error) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // no-op after a successful rename
	bw := bufio.NewWriterSize(tmp, 64<<10)
	if err := write(bw); err != nil {
		tmp.Close()
		return err
	}
	if err := bw.Flush(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
