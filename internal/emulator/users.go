package emulator

import (
	"net/http"
	"strings"
	"time"
)

// Users and organizations as udata renders them: GET /api/1/me/, GET
// /api/1/organizations/{org}/, and the short references embedded in
// datasets. What a field shows may depend on who asks.

func (c *call) getMe() {
	c.s.mu.RLock()
	defer c.s.mu.RUnlock()
	st := c.s.st
	u := c.user
	orgs := []map[string]any{}
	for _, o := range st.userOrgs(u) {
		orgs = append(orgs, c.orgRef(o))
	}
	roles := []string{}
	if u.Sysadmin {
		roles = append(roles, "admin")
	}
	writeJSON(c.w, http.StatusOK, map[string]any{
		"id": u.ID, "slug": u.Slug, "first_name": u.FirstName, "last_name": u.LastName,
		"email": u.Email, "avatar": nil, "avatar_thumbnail": nil, "website": nil, "about": nil,
		"roles": roles, "active": true, "organizations": orgs,
		"since":                       c.iso(st.created),
		"last_login_at":               c.iso(c.started), // udata records the API key's use
		"password_rotation_demanded":  nil,
		"password_rotation_performed": nil,
		"page":                        c.base + "/users/" + u.Slug + "/",
		"uri":                         c.base + "/api/1/users/" + u.Slug + "/",
		"metrics":                     map[string]int{"datasets": 0, "followers": 0, "following": 0, "reuses": 0, "dataservices": 0},
	})
}

func (c *call) getOrganization() {
	c.s.mu.RLock()
	defer c.s.mu.RUnlock()
	o := c.s.st.orgs[c.orgID]
	if o.Deleted != nil && !c.orgPermissions(o)["private"] {
		writeMessage(c.w, http.StatusGone, "Organization has been deleted")
		return
	}
	writeJSON(c.w, http.StatusOK, c.renderOrganization(o))
}

// renderOrganization is udata's organization read fields, as the caller
// sees them.
func (c *call) renderOrganization(o *organization) map[string]any {
	st := c.s.st
	private := c.orgPermissions(o)["private"]
	members := []map[string]any{}
	for _, m := range o.Members {
		u := st.userByID(m.UserID)
		if u == nil {
			continue
		}
		ref := c.userRef(u)
		ref["email"], ref["last_login_at"] = c.visibleEmail(u, private), nil
		if c.isAdminOrSelf(u) || private {
			ref["last_login_at"] = c.iso(st.created)
		}
		members = append(members, map[string]any{"user": ref, "role": m.Role, "since": c.iso(st.created),
			"label": map[string]string{"admin": "Administrator", "editor": "Editor", "partial_editor": "Partial editor"}[m.Role]})
	}
	body := c.orgRef(o)
	delete(body, "class")
	months := map[string]int{} // the last 13 months
	first := time.Date(st.created.Year(), st.created.Month(), 1, 0, 0, 0, 0, time.UTC)
	for i := 0; i < 13; i++ {
		months[first.AddDate(0, -i, 0).Format("2006-01")] = 0
	}
	var byMonths any = months
	if o.created {
		byMonths = 0
	}
	for k, v := range map[string]any{
		"description": o.Description, "url": nil, "members": members, "deleted": c.isoPtr(o.Deleted),
		"business_number_id": nil, "extras": map[string]any{}, "ext": map[string]any{}, "image_url": nil,
		"created_at": c.iso(st.created), "last_modified": c.iso(st.created),
		"presentation_blocs_published_at": nil, "teams": []any{}, "zone": nil,
		"metrics": map[string]any{"datasets": 0, "datasets_by_months": byMonths, "datasets_followers_by_months": byMonths,
			"datasets_reuses_by_months": byMonths, "followers": 0, "members": len(members), "reuses": 0, "reuses_by_months": 0,
			"reuses_followers_by_months": 0, "dataservices": 0, "dataservices_by_months": 0, "views": 0},
	} {
		body[k] = v
	}
	return body
}

// orgRef is the short form of an organization, with what the caller may do
// with it.
func (c *call) orgRef(o *organization) map[string]any {
	perms := map[string]bool{}
	for k, v := range c.orgPermissions(o) {
		perms[k] = v
	}
	return map[string]any{
		"class": "Organization", "id": o.ID, "name": o.Name, "acronym": o.Acronym, "slug": o.Slug,
		"logo": nil, "logo_thumbnail": nil, "badges": []any{}, "permissions": perms,
		"page": c.base + "/organizations/" + o.Slug + "/",
		"uri":  c.base + "/api/1/organizations/" + o.Slug + "/",
	}
}

// orgPermissions: site admins and the organization's admins may edit it and
// its members; any member sees its private objects.
func (c *call) orgPermissions(o *organization) map[string]bool {
	role := c.s.st.orgRole(c.user, o.ID)
	admin := c.user != nil && c.user.Sysadmin
	edit := admin || role == "admin"
	return map[string]bool{"edit": edit, "delete": edit, "members": edit, "harvest": edit, "private": admin || role != ""}
}

func (c *call) userRef(u *user) map[string]any {
	return map[string]any{
		"class": "User", "id": u.ID, "slug": u.Slug, "first_name": u.FirstName, "last_name": u.LastName,
		"avatar": nil, "avatar_thumbnail": nil,
		"page": c.base + "/users/" + u.Slug + "/",
		"uri":  c.base + "/api/1/users/" + u.Slug + "/",
	}
}

func (c *call) isAdminOrSelf(u *user) bool {
	return c.user != nil && (c.user.Sysadmin || c.user.ID == u.ID)
}

// visibleEmail is udata's _visible_email in an organization's members:
// whole for site admins, two letters for members of the organization (the
// user themself included), the domain otherwise.
func (c *call) visibleEmail(u *user, orgPrivate bool) string {
	if c.user != nil && c.user.Sysadmin {
		return u.Email
	}
	name, domain, _ := strings.Cut(u.Email, "@")
	if orgPrivate {
		keep := min(2, len(name))
		return name[:keep] + strings.Repeat("*", len(name)-keep) + "@" + domain
	}
	return "***@" + domain
}
