package acctest

import (
	"fmt"
	"os"
	"strconv"
)

// EnvEmulatorSeed sets the seed of the emulator's fault draws, to replay a
// run whose faults made a test fail: the run prints its seed when it fails.
const EnvEmulatorSeed = "DATAGOUV_EMULATOR_SEED"

// emulatorSeed is the seed EnvEmulatorSeed gives, 0 (the emulator draws
// one) when it is unset.
func emulatorSeed() (int64, error) {
	v := os.Getenv(EnvEmulatorSeed)
	if v == "" {
		return 0, nil
	}
	seed, err := strconv.ParseInt(v, 10, 64)
	if err != nil || seed == 0 {
		return 0, fmt.Errorf("%s=%q: expecting a non-zero integer", EnvEmulatorSeed, v)
	}
	return seed, nil
}

// reportSeed prints how to replay the emulator's fault draws of a run
// that failed.
func reportSeed(code int) {
	if code != 0 && site != nil && site.Emulated() {
		fmt.Fprintf(os.Stderr, "emulator fault seed %d: %s=%d replays the same draws\n", site.Emulator.Seed(), EnvEmulatorSeed, site.Emulator.Seed())
	}
}
