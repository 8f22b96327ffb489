package emulator

import (
	"encoding/json"
	"fmt"
	"net/http"
	"time"
)

// The control API (/_emulator/...): what tests and the demo need and the
// portal does not offer (purging deleted datasets, faults, the request
// log, read-only mode, making time pass). Only the site admin's key may use it.

func (s *Server) serveControl(w http.ResponseWriter, r *http.Request) {
	if r.Header.Get("X-API-KEY") != AdminKey {
		writeMessage(w, http.StatusForbidden, "The emulator's control endpoints need the site admin's key.")
		return
	}
	type op struct {
		method string
		fn     func()
	}
	ops := map[string]op{
		"/_emulator/purge": {http.MethodPost, func() {
			writeJSON(w, http.StatusOK, map[string]any{"purged": s.purge()})
		}},
		"/_emulator/reset": {http.MethodPost, func() {
			s.Reset()
			writeJSON(w, http.StatusOK, map[string]any{"reset": true})
		}},
		"/_emulator/requests": {http.MethodGet, func() {
			writeJSON(w, http.StatusOK, s.Requests())
		}},
		"/_emulator/faults": {http.MethodPost, func() {
			var f Faults
			if !decodeControl(w, r, &f) {
				return
			}
			if f.Rate < 0 || f.Rate > 1 || f.LatencyMs < 0 {
				writeMessage(w, http.StatusBadRequest, "rate must be within [0, 1] and latency_ms positive")
				return
			}
			for _, st := range f.Statuses {
				if st < 400 || st > 599 {
					writeMessage(w, http.StatusBadRequest, fmt.Sprintf("status %d is not an error status", st))
					return
				}
			}
			s.SetFaults(f)
			writeJSON(w, http.StatusOK, f)
		}},
		"/_emulator/clock": {http.MethodPost, func() {
			var body struct {
				AdvanceMs *int64 `json:"advance_ms"`
			}
			if !decodeControl(w, r, &body) {
				return
			}
			if body.AdvanceMs == nil || *body.AdvanceMs < 0 {
				writeMessage(w, http.StatusBadRequest, `expecting {"advance_ms": milliseconds, 0 or more}`)
				return
			}
			s.AdvanceClock(time.Duration(*body.AdvanceMs) * time.Millisecond)
			writeJSON(w, http.StatusOK, map[string]any{"now": isoTime(s.Now()), "seed": s.Seed()})
		}},
		"/_emulator/readonly": {http.MethodPost, func() {
			var body struct {
				Enabled *bool `json:"enabled"`
			}
			if !decodeControl(w, r, &body) {
				return
			}
			if body.Enabled == nil {
				writeMessage(w, http.StatusBadRequest, `expecting {"enabled": true|false}`)
				return
			}
			s.SetReadOnly(*body.Enabled)
			writeJSON(w, http.StatusOK, map[string]bool{"enabled": *body.Enabled})
		}},
	}
	o, ok := ops[r.URL.Path]
	if !ok {
		writeMessage(w, http.StatusNotFound, msgNotFound)
		return
	}
	if r.Method != o.method {
		w.Header().Set("Allow", o.method)
		writeMessage(w, http.StatusMethodNotAllowed, msgMethodNotAllowed)
		return
	}
	o.fn()
}

func decodeControl(w http.ResponseWriter, r *http.Request, v any) bool {
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, 1<<20))
	if err := dec.Decode(v); err != nil {
		writeMessage(w, http.StatusBadRequest, "invalid JSON body: "+err.Error())
		return false
	}
	return true
}
