package emulator

import (
	"slices"
	"time"
)

// The rest of a producer's catalogue beside datasets: dataservices (APIs)
// and contact points, in a catalog of the store (a Reset makes a new,
// empty one). Like the store, a catalog is guarded by Server.mu.

type audience struct {
	Role, Condition *string
}

type dataservice struct {
	ID          string
	Title       string
	Slug        string
	Description string
	// Strings are the optional string fields by their API name (acronym,
	// the URL fields, format, rate_limiting, the access type's reason...);
	// an absent key is null.
	Strings         map[string]*string
	Availability    *float64
	License         *string
	Tags            []string // sorted, de-duplicated
	Private         bool
	Extras          map[string]any
	ContactPoints   []string
	Datasets        []string
	AccessType      string
	AccessAudiences []audience
	OwnerID, OrgID  string
	ArchivedAt      *time.Time
	DeletedAt       *time.Time
	CreatedAt       time.Time
	ModifiedAt      time.Time
}

type contactPoint struct {
	ID, Name           string
	Email, ContactForm *string
	Role               string
	OwnerID, OrgID     string
}

type catalog struct {
	dataservices  map[string]*dataservice
	dsvSlugs      slugRegistry
	contactPoints map[string]*contactPoint
	// cpOrder is the creation order of contact points: listings are in it.
	cpOrder []string
}

func newCatalog() *catalog {
	return &catalog{
		dataservices:  map[string]*dataservice{},
		dsvSlugs:      newSlugRegistry(),
		contactPoints: map[string]*contactPoint{},
	}
}

// catalog is the catalog of the current store. The caller holds s.mu.
func (s *Server) catalog() *catalog { return s.st.catalog }

// slugRegistry is udata's SlugField(populate_from="title", update=True,
// follow=True) for one collection: unique slugs made from titles, and the
// old slugs that keep redirecting to the current one.
type slugRegistry struct {
	current map[string]string // slug → object id
	follow  map[string]string // old slug → current slug
}

func newSlugRegistry() slugRegistry {
	return slugRegistry{current: map[string]string{}, follow: map[string]string{}}
}

// assign returns the slug of id for title, given its slug so far ("" for a
// new object). An unchanged slugified title keeps the slug; a taken one gets
// "-1", "-2"...; the old slug is remembered for redirects.
func (r slugRegistry) assign(id, old, title string) string {
	base := slugify(title, 255)
	if old != "" && base == old {
		return old
	}
	taken := func(s string) bool {
		owner, ok := r.current[s]
		return ok && owner != id
	}
	slug := base
	for i := 1; taken(slug); i++ {
		b := base
		if over := len(b) + 1 + len(itoa(i)) - 255; over > 0 {
			b = b[:len(b)-over]
		}
		slug = b + "-" + itoa(i)
	}
	if slug == old {
		return old
	}
	delete(r.follow, slug)
	if old != "" {
		delete(r.current, old)
		r.follow[old] = slug
		for k, v := range r.follow {
			if v == old {
				r.follow[k] = slug
			}
		}
	}
	r.current[slug] = id
	return slug
}

// forget drops a purged object's slug and its redirects.
func (r slugRegistry) forget(slug string) {
	delete(r.current, slug)
	for k, v := range r.follow {
		if v == slug {
			delete(r.follow, k)
		}
	}
}

// lookup is udata's ModelConverter: by id, then by slug (raw or
// slugified), then through the slug history. It returns the id, or the slug
// to redirect to (308), or neither (404).
func (r slugRegistry) lookup(value string, exists func(string) bool) (id, redirect string) {
	if exists(value) {
		return value, ""
	}
	if id, ok := r.current[value]; ok {
		return id, ""
	}
	if _, ok := r.current[slugify(value, 255)]; ok {
		return "", slugify(value, 255)
	}
	if latest, ok := r.follow[value]; ok {
		if _, ok := r.current[latest]; ok {
			return "", latest
		}
	}
	return "", ""
}

// ownedEdit is udata's OwnablePermission for a catalogue object: site
// admins, the owner user, admins and editors of the owning organization.
func (st *state) ownedEdit(u *user, orgID, ownerID string) bool {
	if u == nil {
		return false
	}
	if u.Sysadmin {
		return true
	}
	if orgID != "" {
		r := st.orgRole(u, orgID)
		return r == "admin" || r == "editor"
	}
	return ownerID != "" && ownerID == u.ID
}

// ownedRead is udata's OwnableReadPermission on a hidden object (private
// or deleted): site admins, the owner, any member of the organization.
func (st *state) ownedRead(u *user, orgID, ownerID string) bool {
	if u == nil {
		return false
	}
	if u.Sysadmin {
		return true
	}
	if orgID != "" {
		return st.orgRole(u, orgID) != ""
	}
	return ownerID != "" && ownerID == u.ID
}

// removeContactPoint deletes a contact point for good; udata's
// reverse_delete_rule=PULL takes it out of every dataservice.
func (c *catalog) removeContactPoint(id string) {
	delete(c.contactPoints, id)
	c.cpOrder = slices.DeleteFunc(c.cpOrder, func(s string) bool { return s == id })
	for _, d := range c.dataservices {
		d.ContactPoints = slices.DeleteFunc(d.ContactPoints, func(s string) bool { return s == id })
	}
}
