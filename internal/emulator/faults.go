package emulator

import (
	"net/http"
)

// Faults in front of the API: which requests fail, and how a dropped
// connection and a delayed answer are made.

// pickFault draws the fate of one request: "" (served normally), "status",
// "drop" (before processing) or "drop_after" (after processing).
func (c *chance) pickFault(f Faults) string {
	if f.Rate <= 0 || c.float64() >= f.Rate {
		return ""
	}
	kinds := []string{"status"}
	if f.Drop {
		kinds = append(kinds, "drop")
	}
	if f.DropAfterProcessing {
		kinds = append(kinds, "drop_after")
	}
	return kinds[c.intN(len(kinds))]
}

// dropConnection closes the client connection without an answer. It
// hijacks the connection when it can; otherwise (HTTP/2, recorders) it
// aborts the handler, which net/http turns into a reset stream or closed
// connection.
func dropConnection(w http.ResponseWriter) {
	conn, _, err := http.NewResponseController(w).Hijack()
	if err == nil {
		_ = conn.Close()
		return
	}
	panic(http.ErrAbortHandler)
}

type statusRecorder struct {
	http.ResponseWriter
	code int
}

func (r *statusRecorder) WriteHeader(code int) {
	if r.code == 0 {
		r.code = code
	}
	r.ResponseWriter.WriteHeader(code)
}

func (r *statusRecorder) Write(b []byte) (int, error) {
	if r.code == 0 {
		r.code = http.StatusOK
	}
	return r.ResponseWriter.Write(b)
}

func (r *statusRecorder) Unwrap() http.ResponseWriter { return r.ResponseWriter }

func (r *statusRecorder) status() int {
	if r.code == 0 {
		return http.StatusOK
	}
	return r.code
}

// bufferedWriter swallows a response that will never be sent.
type bufferedWriter struct {
	header http.Header
	code   int
}

func (b *bufferedWriter) Header() http.Header { return b.header }
func (b *bufferedWriter) WriteHeader(code int) {
	if b.code == 0 {
		b.code = code
	}
}
func (b *bufferedWriter) Write(p []byte) (int, error) {
	if b.code == 0 {
		b.code = http.StatusOK
	}
	return len(p), nil
}
func (b *bufferedWriter) status() int {
	if b.code == 0 {
		return http.StatusOK
	}
	return b.code
}
