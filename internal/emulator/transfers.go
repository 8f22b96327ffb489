package emulator

import (
	"net/http"
	"time"
)

// Ownership changes, as udata 17.6.0 makes them (udata/features/transfer):
// a dataset or a dataservice moves to another organization or user only
// through a transfer, requested by an administrator of its current owner
// and accepted by one of the recipient (site admins may do both). The
// subject keeps its id and slug. Also POST /api/1/organizations/, which
// makes its creator the new organization's administrator: the way a test
// gets a second organization to move things to.

type transfer struct {
	ID, Status, UserID          string
	Comment                     *string
	SubjectClass, SubjectID     string
	OwnerClass, OwnerID         string
	RecipientClass, RecipientID string
	Created                     time.Time
	Responded                   *time.Time
}

// transferRef is udata's base_reference: {"class": …, "id": …}.
func transferRef(body map[string]any, key string) (class, id string) {
	ref, _ := body[key].(map[string]any)
	class, _ = ref["class"].(string)
	id, _ = ref["id"].(string)
	return class, id
}

// ownership is where a transferable subject keeps its owner: an
// organization or a user, and for a dataset the partial editors assigned
// to it.
type ownership struct {
	orgID, ownerID *string
	assignees      *[]string
}

func (st *state) ownership(class, id string) (ownership, bool) {
	switch class {
	case "Dataset":
		if d := st.datasets[id]; d != nil {
			return ownership{orgID: &d.OrgID, ownerID: &d.OwnerID, assignees: &d.Assignees}, true
		}
	case "Dataservice":
		if d := st.catalog.dataservices[id]; d != nil {
			return ownership{orgID: &d.OrgID, ownerID: &d.OwnerID}, true
		}
	}
	return ownership{}, false
}

// ownerOf returns the class and id of a subject's owner, and whether the
// subject exists.
func (st *state) ownerOf(class, id string) (ownerClass, ownerID string, ok bool) {
	o, ok := st.ownership(class, id)
	switch {
	case !ok:
		return "", "", false
	case *o.orgID != "":
		return "Organization", *o.orgID, true
	}
	return "User", *o.ownerID, true
}

// mayAdminister is udata's TransferPermission and
// TransferResponsePermission: the organization's admins, or the user
// themself; site admins always.
func (st *state) mayAdminister(u *user, class, id string) bool {
	if u.Sysadmin {
		return true
	}
	if class == "Organization" {
		return st.orgRole(u, id) == "admin"
	}
	return u.ID == id
}

// requestTransfer answers POST /api/1/transfer/.
func (c *call) requestTransfer() {
	writeAfterReading(c, (*call).readJSONObject, func(body map[string]any) {
		st := c.s.st
		subjectClass, subjectID := transferRef(body, "subject")
		ownerClass, ownerID, exists := st.ownerOf(subjectClass, subjectID)
		if !exists {
			writeJSON(c.w, http.StatusBadRequest, map[string]any{"errors": map[string]any{"subject": `Unkown subject id "` + subjectID + `"`}})
			return
		}
		recipientClass, recipientID := transferRef(body, "recipient")
		if (recipientClass == "Organization" && st.orgs[recipientID] == nil) || (recipientClass == "User" && st.userByID(recipientID) == nil) {
			writeJSON(c.w, http.StatusBadRequest, map[string]any{"errors": map[string]any{"recipient": `Unkown recipient id "` + recipientID + `"`}})
			return
		}
		if recipientClass != "Organization" && recipientClass != "User" {
			writeServerError(c.w) // db.resolve_model fails on another class
			return
		}
		if !st.mayAdminister(c.user, ownerClass, ownerID) {
			writeMessage(c.w, http.StatusForbidden, msgForbidden)
			return
		}
		if recipientClass == ownerClass && recipientID == ownerID {
			writeMessage(c.w, http.StatusBadRequest, "Recipient should be different than the current owner")
			return
		}
		t := &transfer{
			ID: newObjectID(), Status: "pending", UserID: c.user.ID,
			SubjectClass: subjectClass, SubjectID: subjectID,
			OwnerClass: ownerClass, OwnerID: ownerID,
			RecipientClass: recipientClass, RecipientID: recipientID,
			Created: c.s.Now(),
		}
		if s, ok := body["comment"].(string); ok {
			t.Comment = &s
		}
		st.transfers[t.ID] = t
		writeJSON(c.w, http.StatusCreated, c.renderTransfer(t))
	})
}

func (c *call) getTransfer() {
	c.s.mu.RLock()
	defer c.s.mu.RUnlock()
	t := c.s.st.transfers[c.catalogParam()]
	if t == nil {
		writeMessage(c.w, http.StatusNotFound, msgNotFound)
		return
	}
	writeJSON(c.w, http.StatusOK, c.renderTransfer(t))
}

// respondToTransfer answers POST /api/1/transfer/{id}/: accept moves the
// subject to the recipient; an answered transfer cannot be answered again.
func (c *call) respondToTransfer() {
	writeAfterReading(c, (*call).readJSONObject, func(body map[string]any) {
		st := c.s.st
		t := st.transfers[c.catalogParam()]
		switch {
		case t == nil:
			writeMessage(c.w, http.StatusNotFound, msgNotFound)
			return
		case t.Status != "pending":
			writeMessage(c.w, http.StatusBadRequest, "Cannot update transfer after accepting/refusing")
			return
		}
		response, _ := body["response"].(string)
		if response != "accept" && response != "refuse" {
			writeMessage(c.w, http.StatusBadRequest, "")
			return
		}
		if !st.mayAdminister(c.user, t.RecipientClass, t.RecipientID) {
			writeMessage(c.w, http.StatusForbidden, msgForbidden)
			return
		}
		at := c.s.Now()
		t.Responded = &at
		t.Status = map[string]string{"accept": "accepted", "refuse": "refused"}[response]
		if o, ok := st.ownership(t.SubjectClass, t.SubjectID); ok && response == "accept" {
			// udata saves the subject with its new owner; the last
			// modification dates stay as they were.
			*o.orgID, *o.ownerID = t.RecipientID, ""
			if t.RecipientClass == "User" {
				*o.orgID, *o.ownerID = "", t.RecipientID
			}
			if o.assignees != nil {
				*o.assignees = nil
			}
		}
		writeJSON(c.w, http.StatusOK, c.renderTransfer(t))
	})
}

func (c *call) renderTransfer(t *transfer) map[string]any {
	st := c.s.st
	person := func(class, id string) any {
		if class == "Organization" {
			if o := st.orgs[id]; o != nil {
				return c.orgRef(o)
			}
		} else if u := st.userByID(id); u != nil {
			return c.userRef(u)
		}
		return nil
	}
	var subject any
	switch t.SubjectClass {
	case "Dataset":
		if d := st.datasets[t.SubjectID]; d != nil {
			subject = map[string]any{"class": "Dataset", "id": d.ID, "title": d.Title, "acronym": d.Acronym,
				"page": c.base + "/datasets/" + d.Slug + "/", "uri": c.base + "/api/1/datasets/" + d.Slug + "/"}
		}
	case "Dataservice":
		if d := st.catalog.dataservices[t.SubjectID]; d != nil {
			subject = map[string]any{"class": "Dataservice", "id": d.ID, "title": d.Title, "self_web_url": nil,
				"self_api_url": c.base + "/api/1/dataservices/" + d.Slug + "/"}
		}
	}
	return map[string]any{
		"id": t.ID, "status": t.Status, "comment": t.Comment,
		// udata's API field is misspelt and so reads an attribute the
		// model does not have: always null.
		"reponse_comment": nil,
		"created":         c.iso(t.Created), "responded": c.isoPtr(t.Responded),
		"user": person("User", t.UserID), "owner": person(t.OwnerClass, t.OwnerID),
		"recipient": person(t.RecipientClass, t.RecipientID), "subject": subject,
	}
}

// createOrganization answers POST /api/1/organizations/: the caller becomes
// the new organization's administrator.
func (c *call) createOrganization() {
	writeAfterReading(c, (*call).readJSONObject, func(body map[string]any) {
		st := c.s.st
		name, _ := body["name"].(string)
		if name == "" {
			writeJSON(c.w, http.StatusBadRequest, map[string]any{"errors": map[string]any{"name": msgFieldRequired},
				"message": "ValidationError (Organization:None) (Field is required: ['name'])"})
			return
		}
		o := &organization{ID: newObjectID(), Name: name, Members: []member{{UserID: c.user.ID, Role: "admin"}}, created: true}
		o.Description, _ = body["description"].(string)
		if a, ok := body["acronym"].(string); ok {
			o.Acronym = &a
		}
		o.Slug = st.orgSlugs.assign(o.ID, "", name)
		st.orgs[o.ID] = o
		// udata renders the new organization with the identity the request
		// started with: the creator is not a member yet.
		rendered := c.renderOrganization(o)
		if !c.user.Sysadmin {
			rendered["permissions"] = map[string]bool{"delete": false, "edit": false, "harvest": false, "members": false, "private": false}
			members := rendered["members"].([]map[string]any)
			ref := members[0]["user"].(map[string]any)
			ref["email"], ref["last_login_at"] = c.visibleEmail(c.user, false), nil
		}
		writeJSON(c.w, http.StatusCreated, rendered)
	})
}

// deleteOrganization answers DELETE /api/1/organizations/{org}/: a soft
// deletion, by its administrators (or site admins).
func (c *call) deleteOrganization() {
	c.s.mu.Lock()
	defer c.s.mu.Unlock()
	o := c.s.st.orgs[c.orgID]
	switch {
	case o.Deleted != nil:
		writeMessage(c.w, http.StatusGone, "Organization has been deleted")
	case !c.s.st.mayAdminister(c.user, "Organization", o.ID):
		writeMessage(c.w, http.StatusForbidden, msgForbidden)
	default:
		at := c.s.Now()
		o.Deleted = &at
		c.w.WriteHeader(http.StatusNoContent)
	}
}
