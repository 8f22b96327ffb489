package provider

import (
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"

	"github.com/datagouv-community/terraform-provider-datagouv/internal/validators"
)

// The form of udata's object ids, checked by every attribute that names an
// object (a dataset, an organization, a contact point...).

// objectIDPattern is the form of udata's object ids.
var objectIDPattern = validators.ObjectIDPattern

// objectIDValidator refuses a value that is not an object id.
var objectIDValidator = stringvalidator.RegexMatches(objectIDPattern, "must be an id: 24 hexadecimal characters")
