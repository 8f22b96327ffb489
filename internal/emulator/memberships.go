package emulator

import (
	"net/http"
	"time"
)

// Joining an organization, as udata 17.6.0 does it: an administrator
// invites a user with a role (POST /api/1/organizations/{org}/member/), the
// user accepts (POST /api/1/me/org_invitations/{id}/accept/). Only
// invitations of existing users, without assignments: what tests need to
// give a user a role in an organization someone else created.

type invitation struct {
	ID, OrgID, UserID, Role, Status string
	Created                         time.Time
}

func (c *call) inviteMember() {
	writeAfterReading(c, (*call).readJSONObject, func(body map[string]any) {
		st := c.s.st
		o := st.orgs[c.orgID]
		if !c.orgPermissions(o)["members"] {
			writeMessage(c.w, http.StatusForbidden, msgForbidden)
			return
		}
		userID, _ := body["user"].(string)
		u := st.userByID(userID)
		if u == nil {
			writeJSON(c.w, http.StatusBadRequest, map[string]any{"errors": map[string]any{"user": "Unknown user '" + userID + "'"}, "message": "Validation error"})
			return
		}
		role, _ := body["role"].(string)
		if role == "" {
			role = "editor" // udata's DEFAULT_ROLE
		}
		inv := &invitation{ID: newUUID(), OrgID: o.ID, UserID: u.ID, Role: role, Status: "pending", Created: c.s.Now()}
		st.invitations[inv.ID] = inv
		ref := c.userRef(u)
		ref["email"], ref["last_login_at"] = c.visibleEmail(u, false), nil
		writeJSON(c.w, http.StatusCreated, map[string]any{
			"id": inv.ID, "kind": "invitation", "role": role, "status": inv.Status, "comment": nil, "email": nil,
			"assignments": []any{}, "created": c.iso(inv.Created), "user": ref,
		})
	})
}

func (c *call) acceptInvitation() {
	c.s.mu.Lock()
	defer c.s.mu.Unlock()
	st := c.s.st
	inv := st.invitations[canonicalUUID(c.catalogParam())]
	switch {
	case inv == nil || inv.UserID != c.user.ID:
		writeMessage(c.w, http.StatusNotFound, "Invitation not found")
	case inv.Status != "pending":
		writeMessage(c.w, http.StatusBadRequest, "Invitation is not pending")
	default:
		inv.Status = "accepted"
		o := st.orgs[inv.OrgID]
		o.Members = append(o.Members, member{UserID: inv.UserID, Role: inv.Role})
		writeMessage(c.w, http.StatusOK, "Invitation accepted")
	}
}
