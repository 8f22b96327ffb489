package emulator

import (
	"net/http"
	"strings"
	"testing"
)

// The portal's purge of soft-deleted objects (udata's purge-datasets and
// purge-dataservices jobs, which data.gouv.fr runs daily): the emulator's
// /_emulator/purge and the udata-oracle kit's /_oracle/purge are each
// site's control, not compared; what every API route answers about the
// purged objects afterwards is. Hosted files: a resource's delete removes
// its file at once, a soft-deleted dataset keeps its files until the purge.

// purge runs each site's purge of soft-deleted objects, as the site admin.
func (d *differ) purge(t *testing.T) {
	t.Helper()
	for _, s := range d.sites {
		control := "/_oracle/purge"
		if s == d.sites[0] {
			control = "/_emulator/purge"
		}
		if a := s.send(t, dfReq{method: http.MethodPost, path: control, as: "admin"}); a.status != http.StatusOK {
			t.Fatalf("%s: POST %s answered %d: %s", s.name, control, a.status, dfClip(a.raw))
		}
	}
}

// upload uploads a small CSV file into the dataset bound to ds, binds the
// resource's id to name and the path of its hosted file (its url without
// the site's base) to name.file.
func (d *differ) upload(t *testing.T, ds, name string) {
	t.Helper()
	ans := d.call(t, "upload "+name, dfReq{method: http.MethodPost, path: dfDS + "{{" + ds + "}}/upload/", as: "main",
		file: &dfFile{name: name + ".csv", content: "id,name\n1," + name + "\n"}})
	if ans[0].status != 201 || ans[1].status != 201 {
		t.Fatalf("uploading %s: emulator %d, udata %d", name, ans[0].status, ans[1].status)
	}
	d.bind(t, name, ans, "id")
	for i, s := range d.sites {
		url := ans[i].str("url")
		if !strings.HasPrefix(url, s.base) {
			t.Fatalf("%s: hosted file %q is not under %s", s.name, url, s.base)
		}
		s.vars[name+".file"] = strings.TrimPrefix(url, s.base)
	}
}

func dfPurge(t *testing.T, d *differ) {
	// A dataset with a hosted file and a link, soft-deleted then purged; a
	// file deleted on its own; a dataset left alone; a dataservice.
	d.dataset(t, "pg", nil)
	d.upload(t, "pg", "pgfile")
	d.remote(t, "pg", "pglink", nil)
	d.upload(t, "pg", "pgalone")
	d.dataset(t, "pgkept", nil)
	d.dataservice(t, "pgapi", jo{"base_api_url": "https://api.example.com/{{run}}/"})
	ds, res := dfDS+"{{pg}}/", dfDS+"{{pg}}/resources/"
	d.each(t, []dfCase{
		// A resource's delete removes its file at once.
		{"file before its resource's delete", dfGet("{{pgalone.file}}", "")},
		{"delete a hosted file's resource", dfDel(res+"{{pgalone}}/", "main")},
		{"file after its resource's delete", dfGet("{{pgalone.file}}", "")},
		// A soft-deleted dataset keeps its resources and files.
		{"delete dataset", dfDel(ds, "main")},
		{"delete dataservice", dfDel(dfDSV+"{{pgapi}}/", "main")},
		{"soft-deleted dataset's file", dfGet("{{pgfile.file}}", "")},
		{"soft-deleted dataset's resource", dfGet(res+"{{pgfile}}/", "main")},
	})
	d.purge(t)
	d.each(t, []dfCase{
		{"dataset owner", dfGet(ds, "main")},
		{"dataset admin", dfGet(ds, "admin")},
		{"dataset other", dfGet(ds, "other")},
		{"dataset anonymous", dfGet(ds, "")},
		{"dataset v2", dfGet("/api/2/datasets/{{pg}}/", "main")},
		{"resource owner", dfGet(res+"{{pgfile}}/", "main")},
		{"resource admin", dfGet(res+"{{pglink}}/", "admin")},
		{"resource v2", dfGet("/api/2/datasets/resources/{{pgfile}}/", "main")},
		{"permalink", dfGet(dfDS+"r/{{pglink}}", "")},
		{"hosted file", dfGet("{{pgfile.file}}", "")},
		{"resource delete", dfDel(res+"{{pglink}}/", "main")},
		{"dataset delete", dfDel(ds, "main")},
		{"dataset restore", dfPut(ds, "main", jo{"deleted": nil})},
		{"listed deleted", dfGet(dfDS+"?deleted=true&tag={{run}}", "main")},
		{"dataservice owner", dfGet(dfDSV+"{{pgapi}}/", "main")},
		{"dataservice admin", dfGet(dfDSV+"{{pgapi}}/", "admin")},
		{"dataset left alone", dfGet(dfDS+"{{pgkept}}/", "main")},
	})
}
