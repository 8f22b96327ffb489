package acctest

import (
	"net/http"
	"net/http/httptest"
	"reflect"
	"testing"
)

// Each request goes to the log its User-Agent names, and only there: the
// requests of another test, of a provider without a log and of the tests'
// own clients are in no log, and a log's hook sees its own requests only.
func TestRecorderFilesRequestsByLog(t *testing.T) {
	target := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusNoContent) }))
	defer target.Close()
	rec, base, stop, err := startRecorder(target.URL)
	if err != nil {
		t.Fatal(err)
	}
	defer stop()
	a, b := &Log{tag: "log1"}, &Log{tag: "log2"}
	rec.logs[a.tag], rec.logs[b.tag] = a, b
	var hooked []string
	a.BeforeRequest(func(method, path string) { hooked = append(hooked, method+" "+path) })
	for _, q := range []struct{ userAgent, path string }{
		{"terraform-provider-datagouv/test+log1 Terraform/1.5.7", "/a"},
		{"terraform-provider-datagouv/test+log2 OpenTofu/1.12.6", "/b"},
		{"terraform-provider-datagouv/test Terraform/1.5.7", "/no-log"},
		{"terraform-provider-datagouv/test+log9 Terraform/1.5.7", "/closed-log"},
		{"terraform-provider-datagouv-acctest", "/own-client"},
	} {
		req, err := http.NewRequest(http.MethodDelete, base+q.path, nil)
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("User-Agent", q.userAgent)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
	}
	if got, want := a.Requests(), []Request{{Method: "DELETE", Path: "/a", Status: http.StatusNoContent}}; !reflect.DeepEqual(got, want) {
		t.Errorf("log1 = %v, want %v", got, want)
	}
	if got, want := b.Requests(), []Request{{Method: "DELETE", Path: "/b", Status: http.StatusNoContent}}; !reflect.DeepEqual(got, want) {
		t.Errorf("log2 = %v, want %v", got, want)
	}
	if a.Writes() != 1 {
		t.Errorf("log1 counts %d writes, want 1", a.Writes())
	}
	if want := []string{"DELETE /a"}; !reflect.DeepEqual(hooked, want) {
		t.Errorf("log1's hook saw %v, want %v", hooked, want)
	}
}
