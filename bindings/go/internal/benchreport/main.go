// Command benchreport turns `go test -bench -benchmem` output (several rounds, on stdin)
// into the project's benchmark JSON and a readable table. It takes the median of every
// measurement across rounds. Used by `make bench`; not part of the package's API.
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
)

// samples[benchmark][unit] holds one value per round, e.g. samples["KeyIdentifierHash"]["ns/op"].
type samples map[string]map[string][]float64

func parse(in *bufio.Scanner) samples {
	s := samples{}
	for in.Scan() {
		fields := strings.Fields(in.Text())
		if len(fields) < 4 || !strings.HasPrefix(fields[0], "Benchmark") {
			continue
		}
		name := strings.TrimPrefix(fields[0], "Benchmark")
		if i := strings.LastIndexByte(name, '-'); i > 0 { // drop the -GOMAXPROCS suffix
			name = name[:i]
		}
		if s[name] == nil {
			s[name] = map[string][]float64{}
		}
		for i := 2; i+1 < len(fields); i += 2 { // after the iteration count: value unit pairs
			if v, err := strconv.ParseFloat(fields[i], 64); err == nil {
				s[name][fields[i+1]] = append(s[name][fields[i+1]], v)
			}
		}
	}
	if err := in.Err(); err != nil {
		log.Fatal(err)
	}
	return s
}

func (s samples) median(name, unit string) float64 {
	v := slices.Clone(s[name][unit])
	if len(v) == 0 {
		log.Fatalf("benchreport: no %s measurement for Benchmark%s in the input", unit, name)
	}
	slices.Sort(v)
	if len(v)%2 == 1 {
		return v[len(v)/2]
	}
	return (v[len(v)/2-1] + v[len(v)/2]) / 2
}

type row struct {
	Case      string   `json:"case"`
	NativeNs  float64  `json:"native_ns"`
	LibraryNs float64  `json:"library_ns"`
	Target    *float64 `json:"target"`
}

type report struct {
	Language        string `json:"language"`
	Runtime         string `json:"runtime"`
	Baseline        string `json:"baseline"`
	IdentifierBytes int    `json:"identifier_bytes"`
	Rows            []row  `json:"rows"`
}

func target(x float64) *float64 { return &x }

func round1(x float64) float64 { return math.Round(x*10) / 10 }

func main() {
	out := flag.String("o", "../../target/bench/go.json", "where to write the JSON report")
	flag.Parse()
	s := parse(bufio.NewScanner(os.Stdin))

	documented := s.median("DocumentedSample", "ns/op")
	reuse := s.median("ReuseReset", "ns/op")
	keyed := s.median("KeyIdentifierHash", "ns/op")
	rows := []row{
		{"one-shot", documented, s.median("OneShotIdentifierHash", "ns/op"), nil},
		{"keyed", documented, keyed, target(2)},
		{"keyed vs Reset() reuse", reuse, keyed, target(1.0)},
		{"batch of 100,000 (per identifier)", documented, s.median("IdentifierHashes", "ns/identifier"), target(4)},
	}
	for i := range rows {
		rows[i].NativeNs, rows[i].LibraryNs = round1(rows[i].NativeNs), round1(rows[i].LibraryNs)
	}
	r := report{
		Language:        "Go",
		Runtime:         runtime.Version() + " " + runtime.GOOS + "/" + runtime.GOARCH,
		Baseline:        "hmac.New(sha256.New, secret) per call + hex.EncodeToString(mac.Sum(nil))",
		IdentifierBytes: 29,
		Rows:            rows,
	}
	data, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		log.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Dir(*out), 0o755); err != nil {
		log.Fatal(err)
	}
	if err := os.WriteFile(*out, append(data, '\n'), 0o644); err != nil {
		log.Fatal(err)
	}

	rounds := len(s["KeyIdentifierHash"]["ns/op"])
	fmt.Printf("Go binding, %s, median of %d rounds, 29-byte identifier\n\n", r.Runtime, rounds)
	fmt.Printf("%-36s %11s %11s %7s %7s\n", "case", "native ns", "library ns", "ratio", "target")
	for _, row := range rows {
		t := "report"
		if row.Target != nil {
			t = strconv.FormatFloat(*row.Target, 'f', 1, 64)
		}
		fmt.Printf("%-36s %11.1f %11.1f %6.2fx %7s\n", row.Case, row.NativeNs, row.LibraryNs, row.NativeNs/row.LibraryNs, t)
	}
	fmt.Printf("\n%-28s %11s %9s %10s\n", "benchmark", "ns/op", "B/op", "allocs/op")
	names := make([]string, 0, len(s))
	for name := range s {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		fmt.Printf("%-28s %11.1f %9.0f %10.0f\n", name, s.median(name, "ns/op"), s.median(name, "B/op"), s.median(name, "allocs/op"))
	}
	fmt.Printf("\n(IdentifierHashes: ns/op and allocs/op are per batch of 100,000; the 4 allocations are\n" +
		"the identifiers buffer, the offsets, the one hex buffer backing all strings, and the slice.)\n")
	fmt.Printf("wrote %s\n", *out)
}
