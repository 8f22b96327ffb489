package client_test

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/datagouv-community/terraform-provider-datagouv/internal/client"
)

// chunky makes the client send a 100-byte file as 7 parts of up to 16
// bytes.
func chunky(cfg *client.Config) { cfg.ChunkThreshold, cfg.ChunkSize = 16, 16 }

const chunkyParts = 7

func chunkyContent(seed string) []byte {
	return bytes.Repeat([]byte(seed), 100/len(seed)+1)[:100]
}

// TestChunkedUploadSurvivesSpoiledAnswers: a part or the final call whose
// answer is lost, or replaced by a proxy's 5xx, after the portal processed
// it. Sent again, udata refuses the part it already has (a bare 500), and
// finds no parts for a final call that already assembled them; the upload
// must still end with the whole file on the server, once, and its sha1
// checked.
func TestChunkedUploadSurvivesSpoiledAnswers(t *testing.T) {
	tests := []struct {
		name    string
		replace bool // over an existing resource, else as a new one
		rules   []*spoilRule
	}{
		{"answer of the first part lost", false, []*spoilRule{{kind: kindPart, part: 0, times: 1, how: dropAfter}}},
		{"answer of a middle part lost", false, []*spoilRule{{kind: kindPart, part: 3, times: 1, how: dropAfter}}},
		{"answer of the last part lost", true, []*spoilRule{{kind: kindPart, part: chunkyParts - 1, times: 1, how: dropAfter}}},
		{"every part's first answer lost", false, []*spoilRule{{kind: kindPart, part: -1, times: 1, how: dropAfter}}},
		{"proxy 502 after a part was stored", false, []*spoilRule{{kind: kindPart, part: 2, times: 1, how: err502}}},
		{"proxy 504 after a part was stored, twice", true, []*spoilRule{{kind: kindPart, part: 5, times: 2, how: err504}}},
		{"replace: answer of the final call lost", true, []*spoilRule{{kind: kindFinal, part: -1, times: 1, how: dropAfter}}},
		{"replace: proxy 504 after the final call", true, []*spoilRule{{kind: kindFinal, part: -1, times: 1, how: err504}}},
		{"replace: proxy 503 before the final call", true, []*spoilRule{{kind: kindFinal, part: -1, times: 1, how: err503}}},
		{"new: udata's 500 for a taken path on the final call", false, []*spoilRule{{kind: kindFinal, part: -1, times: 1, how: err500}}},
		{"replace: udata's 500 for a taken path on the final call", true, []*spoilRule{{kind: kindFinal, part: -1, times: 2, how: err500}}},
	}
	forEachPortal(t, func(t *testing.T, p *portal) {
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				ds := p.dataset(t)
				direct, _ := p.client(t, p.baseURL)
				ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
				defer cancel()
				var old *client.Resource
				if tt.replace {
					up, err := direct.Resources.Upload(ctx, ds, client.UploadFile{Name: "old.csv", Content: strings.NewReader("old"), Size: 3})
					if err != nil {
						t.Fatal(err)
					}
					old = up.Resource
				}
				fr := newFront(t, p.baseURL, tt.rules...)
				c, log := p.client(t, fr.URL, chunky)
				content := chunkyContent("a,b\n1,2\n")
				f := client.UploadFile{Name: "Spoiled.csv", Content: bytes.NewReader(content), Size: int64(len(content))}
				var (
					res *client.UploadResult
					err error
				)
				if tt.replace {
					res, err = c.Resources.Replace(ctx, ds, old.ID, f)
				} else {
					res, err = c.Resources.Upload(ctx, ds, f)
				}
				if fr.spoiled() == 0 {
					t.Fatal("no answer was spoiled: the test proves nothing")
				}
				if err != nil {
					t.Fatalf("upload: %v\nlog:\n%s", err, log.text())
				}
				want := sha1hex(content)
				if res.SHA1 != want || res.Size != int64(len(content)) || res.Resource.Checksum == nil || res.Resource.Checksum.Value != want {
					t.Errorf("result sha1 %s size %d, resource %+v; want %s", res.SHA1, res.Size, res.Resource, want)
				}
				rs := p.resources(t, ds)
				if len(rs) != 1 || (tt.replace && rs[0].ID != old.ID) {
					t.Fatalf("dataset holds %d resources (%+v), want the one uploaded", len(rs), rs)
				}
				if got := served(t, rs[0].URL); !bytes.Equal(got, content) {
					t.Errorf("served file %q, want %q", got, content)
				}
			})
		}
	})
}

// TestChunkedUploadPartWronglyTakenAsStored: a part's first attempt never
// reaches udata, and its second is answered a 500 that is not udata's
// refusal of a part it has. Taken as stored, the part is missing when the
// parts are assembled: the replace is sent again under a new uuid.
func TestChunkedUploadPartWronglyTakenAsStored(t *testing.T) {
	forEachPortal(t, func(t *testing.T, p *portal) {
		ds := p.dataset(t)
		direct, _ := p.client(t, p.baseURL)
		ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
		defer cancel()
		old, err := direct.Resources.Upload(ctx, ds, client.UploadFile{Name: "old.csv", Content: strings.NewReader("old"), Size: 3})
		if err != nil {
			t.Fatal(err)
		}
		fr := newFront(t, p.baseURL,
			&spoilRule{kind: kindPart, part: 1, times: 1, how: dropBefore},
			&spoilRule{kind: kindPart, part: 1, times: 1, how: err500})
		c, log := p.client(t, fr.URL, chunky)
		content := chunkyContent("x;y\n")
		res, err := c.Resources.Replace(ctx, ds, old.Resource.ID, client.UploadFile{Name: "again.csv", Content: bytes.NewReader(content), Size: int64(len(content))})
		if err != nil {
			t.Fatalf("replace: %v\nlog:\n%s", err, log.text())
		}
		if res.SHA1 != sha1hex(content) || res.Resource.ID != old.Resource.ID {
			t.Errorf("result %+v", res)
		}
		uuids := map[string]bool{}
		for _, e := range fr.entries() {
			if e.kind == kindPart {
				uuids[e.uuid] = true
			}
		}
		if len(uuids) != 2 {
			t.Errorf("parts sent under %d uuids, want 2 (one restart)", len(uuids))
		}
		if got := served(t, p.resources(t, ds)[0].URL); !bytes.Equal(got, content) {
			t.Errorf("served %q", got)
		}
	})
}

// TestChunkedUploadNewFinalLostIsUncertain guards the other side: for a new
// resource, a final call whose answer is lost may still be assembling on
// udata, and a second one would read the same parts into a second resource.
// It is never sent again: the error is uncertain, and the file is published
// once.
func TestChunkedUploadNewFinalLostIsUncertain(t *testing.T) {
	forEachPortal(t, func(t *testing.T, p *portal) {
		for _, how := range []string{dropAfter, err502, err504} {
			t.Run(how, func(t *testing.T) {
				ds := p.dataset(t)
				fr := newFront(t, p.baseURL, &spoilRule{kind: kindFinal, part: -1, times: 1, how: how})
				c, _ := p.client(t, fr.URL, chunky)
				content := chunkyContent("u,v\n")
				_, err := c.Resources.Upload(context.Background(), ds, client.UploadFile{Name: "once.csv", Content: bytes.NewReader(content), Size: int64(len(content))})
				if !errors.Is(err, client.ErrUncertain) {
					t.Fatalf("err = %v, want ErrUncertain", err)
				}
				if n := fr.count(kindFinal); n != 1 {
					t.Errorf("%d final calls, want 1", n)
				}
				if rs := p.resources(t, ds); len(rs) != 1 || rs[0].Checksum == nil || rs[0].Checksum.Value != sha1hex(content) {
					t.Errorf("dataset holds %+v, want the file once", rs)
				}
			})
		}
	})
}
