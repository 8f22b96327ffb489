package main

import (
	"fmt"
	"os"
	"runtime/pprof"
)

// DATAGOUV_CPU_PROFILE names a file prefix: the provider process then
// writes a CPU profile of its whole life to PREFIX.<pid>.pprof (one per
// process: a plan or an apply starts several). It is how the per-object
// cost of a plan was found (BENCHMARKS.md, "Catalogues of thousands"); the
// CLI starts the provider itself, so an environment variable is the only
// way in. Unset, nothing is done.
const cpuProfileVar = "DATAGOUV_CPU_PROFILE"

// startCPUProfile starts the profile when asked and returns what stops it
// (nil otherwise). A profile that cannot start is reported on stderr and
// the provider serves anyway: profiling never stops a plan.
func startCPUProfile(getenv func(string) string) func() {
	prefix := getenv(cpuProfileVar)
	if prefix == "" {
		return nil
	}
	f, err := os.Create(fmt.Sprintf("%s.%d.pprof", prefix, os.Getpid()))
	if err != nil {
		fmt.Fprintln(os.Stderr, "CPU profile:", err)
		return nil
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		fmt.Fprintln(os.Stderr, "CPU profile:", err)
		_ = f.Close()
		return nil
	}
	return func() {
		pprof.StopCPUProfile()
		_ = f.Close()
	}
}
