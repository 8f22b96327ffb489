package emulator

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// The store is the emulator's whole state. It lives in memory (files apart)
// and is guarded by Server.mu: handlers take the read lock to look and the
// write lock to change, so concurrent requests see consistent objects.
// Nothing in the store is shared with a response: renderers copy.

type dateRange struct {
	Start string  // YYYY-MM-DD
	End   *string // YYYY-MM-DD or nil (open-ended)
}

type spatialCoverage struct {
	Zones       []string
	Granularity *string
	Geom        map[string]any // a GeoJSON MultiPolygon, coordinates rounded (geometry.go)
}

type checksum struct {
	Type  string `json:"type"`
	Value string `json:"value"`
}

type resource struct {
	ID           string
	Title        string
	Description  *string
	Filetype     string // file | remote
	Type         string
	URL          string // remote: as given; hosted: "" (see StoredPath)
	Format       *string
	Mime         *string
	Filesize     *int64
	Checksum     *checksum
	Schema       map[string]*string // name, version, url; nil when none
	Extras       map[string]any
	CreatedAt    time.Time
	LastModified time.Time
	// StoredPath is the hosted file, relative to the data dir's "resources"
	// folder (slash-separated). Its public url is built from the request host.
	StoredPath string
}

type dataset struct {
	ID               string
	Title            string
	Description      string
	DescriptionShort *string
	Acronym          *string
	Slug             string
	Tags             []string
	License          *string
	Frequency        *string
	FrequencyDate    *time.Time
	TemporalCoverage *dateRange
	Spatial          *spatialCoverage
	Private          bool
	OwnerID          string // "" when owned by an organization
	OrgID            string
	Assignees        []string // partial editors of OrgID who may edit it
	Extras           map[string]any
	Archived         *time.Time
	Deleted          *time.Time
	CreatedAt        time.Time
	LastModified     time.Time
	Resources        []*resource // newest first
	datasetAccess                // access rules and contact points (dataset_access.go)
}

// lastUpdate is udata's compute_last_update: the newest resource change, or
// the dataset's own last modification when it has no resource.
func (d *dataset) lastUpdate() time.Time {
	if len(d.Resources) == 0 {
		return d.LastModified
	}
	t := d.Resources[0].LastModified
	for _, r := range d.Resources[1:] {
		if r.LastModified.After(t) {
			t = r.LastModified
		}
	}
	return t
}

// touch bumps last_modified, strictly at the millisecond clients read
// back: two writes within the same millisecond still give two different
// values, as clients rely on it. now is the emulator's time.
func (d *dataset) touch(now time.Time) time.Time {
	t := now
	if prev := d.LastModified.Truncate(time.Millisecond); !t.Truncate(time.Millisecond).After(prev) {
		t = prev.Add(time.Millisecond)
	}
	d.LastModified = t
	return t
}

func (d *dataset) resource(id string) (int, *resource) {
	for i, r := range d.Resources {
		if r.ID == id {
			return i, r
		}
	}
	return -1, nil
}

type chunkUpload struct {
	Filename   string
	TotalParts int
	LastChunk  time.Time
}

type state struct {
	created    time.Time        // when the fixtures were made
	users      map[string]*user // by API key
	orgs       map[string]*organization
	orgSlugs   slugRegistry // organizations created through the API get unique slugs
	datasets   map[string]*dataset
	slugs      map[string]string // slug → dataset id
	slugFollow map[string]string // old slug → current slug (SlugFollow)
	chunks     map[string]*chunkUpload
	catalog    *catalog // dataservices and contact points (catalog_store.go)
	transfers  map[string]*transfer
	// invitations to join an organization, by id (memberships.go)
	invitations map[string]*invitation
}

func newState(mainKey string, created time.Time) *state {
	return &state{
		created:     created,
		users:       fixtureUsers(mainKey),
		orgs:        fixtureOrgs(),
		orgSlugs:    fixtureOrgSlugs(),
		datasets:    map[string]*dataset{},
		slugs:       map[string]string{},
		slugFollow:  map[string]string{},
		chunks:      map[string]*chunkUpload{},
		catalog:     newCatalog(),
		transfers:   map[string]*transfer{},
		invitations: map[string]*invitation{},
	}
}

func (st *state) userByID(id string) *user {
	for _, u := range st.users {
		if u.ID == id {
			return u
		}
	}
	return nil
}

// orgRole is the caller's role in an organization, "" when not a member.
func (st *state) orgRole(u *user, orgID string) string {
	if u == nil {
		return ""
	}
	if o := st.orgs[orgID]; o != nil {
		for _, m := range o.Members {
			if m.UserID == u.ID {
				return m.Role
			}
		}
	}
	return ""
}

// userOrgs lists the organizations a user is a member of, any role, but
// the deleted ones (udata's User.organizations).
func (st *state) userOrgs(u *user) []*organization {
	var out []*organization
	for _, id := range sortedKeys(st.orgs) {
		if st.orgRole(u, id) != "" && st.orgs[id].Deleted == nil {
			out = append(out, st.orgs[id])
		}
	}
	return out
}

// canEdit is udata's OwnablePermission (edit, delete, edit_resources):
// site admins, the owner user, admins and editors of the owning
// organization, and the partial editors it is assigned to.
func (st *state) canEdit(u *user, d *dataset) bool {
	if u == nil {
		return false
	}
	if u.Sysadmin {
		return true
	}
	if d.OrgID != "" {
		r := st.orgRole(u, d.OrgID)
		return r == "admin" || r == "editor" || slices.Contains(d.Assignees, u.ID)
	}
	return d.OwnerID == u.ID
}

// canRead is udata's OwnableReadPermission: anyone for a visible dataset;
// for a private or deleted one, site admins, the owner, any member of the org.
func (st *state) canRead(u *user, d *dataset) bool {
	if !d.Private && d.Deleted == nil {
		return true
	}
	if u == nil {
		return false
	}
	if u.Sysadmin {
		return true
	}
	if d.OrgID != "" {
		return st.orgRole(u, d.OrgID) != ""
	}
	return d.OwnerID == u.ID
}

// ownedBy tells whether the dataset belongs to the user or one of their
// organizations (udata's OwnedQuerySet.owned_by, used by listings).
func (st *state) ownedBy(u *user, d *dataset) bool {
	if u == nil {
		return false
	}
	if d.OrgID != "" {
		return st.orgRole(u, d.OrgID) != ""
	}
	return d.OwnerID == u.ID
}

// lookupDataset is udata's dataset URL converter: by id, then by slug (raw
// or slugified), then through the slug history. It returns the dataset, or
// the slug to redirect to (308), or neither (404).
func (st *state) lookupDataset(value string) (*dataset, string) {
	if d := st.datasets[value]; d != nil {
		return d, ""
	}
	quoted := slugify(value, 255)
	if id, ok := st.slugs[value]; ok {
		return st.datasets[id], ""
	}
	if id, ok := st.slugs[quoted]; ok {
		return nil, st.datasets[id].Slug
	}
	if latest, ok := st.slugFollow[value]; ok {
		if _, exists := st.slugs[latest]; exists {
			return nil, latest
		}
	}
	return nil, ""
}

// datasetByResource finds the dataset holding a resource (any dataset).
func (st *state) datasetByResource(rid string) (*dataset, *resource) {
	for _, d := range st.datasets {
		if _, r := d.resource(rid); r != nil {
			return d, r
		}
	}
	return nil, nil
}

// assignSlug gives d the slug of its title, unique across all datasets
// (soft-deleted ones included), like udata's SlugField(populate_from="title",
// update=True, follow=True): an unchanged slugified title keeps the slug, a
// new one records the old slug so it keeps answering with a redirect.
func (st *state) assignSlug(d *dataset) {
	base := slugify(d.Title, 255)
	old := d.Slug
	assigned := st.slugs[old] == d.ID && d.ID != ""
	if assigned && base == old {
		return
	}
	taken := func(s string) bool {
		id, ok := st.slugs[s]
		return ok && id != d.ID
	}
	slug := base
	if taken(slug) {
		for i := 1; ; i++ {
			b := base
			if over := len(b) + 1 + len(itoa(i)) - 255; over > 0 {
				b = b[:len(b)-over]
			}
			slug = b + "-" + itoa(i)
			if !taken(slug) {
				break
			}
		}
	}
	if assigned && slug == old {
		return
	}
	if canonicalUUID(slug) != "" && len(slug) == 36 {
		slug += "-uuid"
	}
	delete(st.slugFollow, slug)
	if assigned {
		delete(st.slugs, old)
		st.slugFollow[old] = slug
		for k, v := range st.slugFollow {
			if v == old {
				st.slugFollow[k] = slug
			}
		}
	}
	st.slugs[slug] = d.ID
	d.Slug = slug
}

// removeDataset forgets a dataset for good (purge) and returns the stored
// files to delete.
func (st *state) removeDataset(d *dataset) []string {
	delete(st.datasets, d.ID)
	delete(st.slugs, d.Slug)
	for k, v := range st.slugFollow {
		if v == d.Slug {
			delete(st.slugFollow, k)
		}
	}
	var files []string
	for _, r := range d.Resources {
		if r.StoredPath != "" {
			files = append(files, r.StoredPath)
		}
	}
	return files
}

// removeStoredFiles deletes hosted files (paths relative to the resources
// folder) and the folders they leave empty. Called outside the lock.
func removeStoredFiles(dataDir string, files []string) {
	root := filepath.Join(dataDir, "resources")
	for _, f := range files {
		p := filepath.Join(root, filepath.FromSlash(f))
		if !strings.HasPrefix(p, root+string(filepath.Separator)) {
			continue
		}
		_ = os.RemoveAll(p) // a file, or the folder of a file kept as its parts
		for dir := filepath.Dir(p); dir != root && strings.HasPrefix(dir, root); dir = filepath.Dir(dir) {
			if os.Remove(dir) != nil { // not empty (or gone): stop climbing
				break
			}
		}
	}
}
