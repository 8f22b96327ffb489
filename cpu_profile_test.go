package main

import (
	"os"
	"path/filepath"
	"testing"
)

func TestStartCPUProfile_offUnlessAsked(t *testing.T) {
	if stop := startCPUProfile(func(string) string { return "" }); stop != nil {
		stop()
		t.Fatal("a profile was started with DATAGOUV_CPU_PROFILE unset")
	}
}

func TestStartCPUProfile_writesOneFilePerProcess(t *testing.T) {
	prefix := filepath.Join(t.TempDir(), "plan")
	stop := startCPUProfile(func(name string) string {
		if name == cpuProfileVar {
			return prefix
		}
		return ""
	})
	if stop == nil {
		t.Fatal("no profile started")
	}
	stop()
	files, _ := filepath.Glob(prefix + ".*.pprof")
	if len(files) != 1 {
		t.Fatalf("profiles written: %v, want one", files)
	}
	if fi, err := os.Stat(files[0]); err != nil || fi.Size() == 0 {
		t.Fatalf("profile %s empty or unreadable: %v", files[0], err)
	}
}
