package acctest

import (
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"

	"github.com/datagouv-community/terraform-provider-datagouv/internal/provider"
)

// Log is one test's request log: the requests its providers sent to the
// site, and nobody else's, so that a test that counts requests or acts
// between two of them (BeforeRequest) runs in parallel with the others.
//
// Its providers are told apart by their release string, which the provider
// puts in its User-Agent ("terraform-provider-datagouv/test+log3
// Terraform/1.5.7"): no test-only setting in the provider, and nothing the
// configuration under test has to carry. The tests' own clients (Client,
// NewClient) are not logged: a log holds what the provider did.
type Log struct {
	tag      string
	mu       sync.Mutex
	requests []Request
	before   func(method, path string)
}

// userAgentPrefix opens the User-Agent of the provider's requests
// (provider.userAgent), up to its release.
const userAgentPrefix = "terraform-provider-datagouv/"

// NewLog opens a request log for the test; it closes when the test ends.
// Serve the provider through its Factories.
func NewLog(t *testing.T) *Log {
	t.Helper()
	PreCheck(t)
	rec := site.recorder
	rec.mu.Lock()
	rec.count++
	l := &Log{tag: fmt.Sprintf("log%d", rec.count)}
	rec.logs[l.tag] = l
	rec.mu.Unlock()
	t.Cleanup(func() {
		rec.mu.Lock()
		delete(rec.logs, l.tag)
		rec.mu.Unlock()
	})
	return l
}

// Factories serves the provider as ProtoV6ProviderFactories does, each
// request it sends filed in this log.
func (l *Log) Factories() map[string]func() (tfprotov6.ProviderServer, error) {
	return map[string]func() (tfprotov6.ProviderServer, error){"datagouv": l.Server}
}

// Server is one provider of this log, for a test that wraps it.
func (l *Log) Server() (tfprotov6.ProviderServer, error) {
	return providerserver.NewProtocol6WithError(provider.New("test+" + l.tag)())()
}

// Requests returns the requests of this log so far, oldest first: count
// what a step sent with len() before and after.
func (l *Log) Requests() []Request {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]Request(nil), l.requests...)
}

// Writes counts the writes of this log so far (requests other than GET and
// HEAD).
func (l *Log) Writes() int { return len(Writes(l.Requests())) }

// BeforeRequest runs fn before each request of this log reaches the site,
// for the rest of the test: how a test makes something happen on the
// portal between two requests of the provider (a portal service writing
// meanwhile). fn runs on the proxy's goroutine and may itself call the
// site (its own requests are not the log's, so fn does not see them).
func (l *Log) BeforeRequest(fn func(method, path string)) {
	l.mu.Lock()
	l.before = fn
	l.mu.Unlock()
}

func (l *Log) hook() func(method, path string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.before
}

func (l *Log) add(q Request) {
	l.mu.Lock()
	l.requests = append(l.requests, q)
	l.mu.Unlock()
}

// logOf is the log of the test whose provider sent r, nil for a request of
// no open log (a test's own client, a provider of ProtoV6ProviderFactories).
func (rec *recorder) logOf(r *http.Request) *Log {
	release, ok := strings.CutPrefix(r.Header.Get("User-Agent"), userAgentPrefix)
	if !ok {
		return nil
	}
	release, _, _ = strings.Cut(release, " ")
	_, tag, ok := strings.Cut(release, "+")
	if !ok {
		return nil
	}
	rec.mu.Lock()
	defer rec.mu.Unlock()
	return rec.logs[tag]
}
