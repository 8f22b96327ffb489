package provider

import (
	"context"
	"net/http"
	"os"
	"sync"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/datagouv-community/terraform-provider-datagouv/internal/client"
)

// This file lets the checks against the portal's lists (portal_checks.go)
// run while Terraform validates the configuration, so that one plan reports
// every problem of a configuration.
//
// `terraform plan` validates the configuration before it configures the
// provider, and stops there on any error: a mistake the attributes' own
// validators find (a tag's form, an empty title) would hide an unknown
// licence or organization until the next plan. So the provider keeps, from
// the validation of its own configuration, a portal to check against; the
// resources' ValidateConfig use it until the provider is configured.
// Terraform runs one provider process per provider configuration, so the
// portal is the one this configuration names. It is built only when every
// value of the provider block is known (variables are not, during
// validation), and a check that cannot fetch a list then skips silently:
// `terraform validate` must work offline, and the plan checks again.

var _ provider.ProviderWithValidateConfig = (*DatagouvProvider)(nil)

// validationTimeout bounds each request of a check during validation.
const validationTimeout = 10 * time.Second

// validationPortals holds, per provider, the portal its configuration
// names (nil when not known).
var validationPortals sync.Map // *DatagouvProvider → *providerData

// ValidateConfig keeps the portal the configuration names, for the checks
// the resources run during validation. Configure reports what is wrong with
// the configuration itself.
func (p *DatagouvProvider) ValidateConfig(ctx context.Context, req provider.ValidateConfigRequest, _ *provider.ValidateConfigResponse) {
	var cfg providerModel
	if diags := req.Config.Get(ctx, &cfg); diags.HasError() {
		validationPortals.Store(p, (*providerData)(nil))
		return
	}
	validationPortals.Store(p, p.portalOf(cfg))
}

// validationPortal is the portal p's configuration names, nil if unknown.
// Terraform does not validate an empty provider configuration (no block,
// or one with nothing set): the portal is then the environment's.
func (p *DatagouvProvider) validationPortal() *providerData {
	v, ok := validationPortals.Load(p)
	if !ok {
		v, _ = validationPortals.LoadOrStore(p, p.portalOf(providerModel{}))
	}
	return v.(*providerData)
}

// portalOf is a lenient portal for cfg, nil when a value is not known.
func (p *DatagouvProvider) portalOf(cfg providerModel) *providerData {
	if cfg.BaseURL.IsUnknown() || cfg.APIKey.IsUnknown() {
		return nil
	}
	baseURL := firstNonEmpty(cfg.BaseURL.ValueString(), os.Getenv(EnvBaseURL), DefaultBaseURL)
	apiKey := firstNonEmpty(cfg.APIKey.ValueString(), os.Getenv(EnvAPIKey))
	// No retries and a short timeout: validation must stay quick, and
	// works offline (the checks then skip).
	c, err := client.New(client.Config{BaseURL: baseURL, APIKey: apiKey, UserAgent: userAgent(p.version, ""), Logger: tflogLogger{},
		MaxRetries: -1, HTTPClient: &http.Client{Timeout: validationTimeout}})
	if err != nil {
		return nil
	}
	data := newProviderData(c, apiKey != "")
	data.lenient = true
	return data
}

// portalChecker is a resource that checks its configuration against the
// portal, and takes the validation portal for it.
type portalChecker interface {
	setValidationPortal(func() *providerData)
}

// withValidationPortal gives the resources of p the portal of p's
// validated configuration.
func (p *DatagouvProvider) withValidationPortal(constructors []func() resource.Resource) []func() resource.Resource {
	out := make([]func() resource.Resource, len(constructors))
	for i, newResource := range constructors {
		out[i] = func() resource.Resource {
			r := newResource()
			if c, ok := r.(portalChecker); ok {
				c.setValidationPortal(p.validationPortal)
			}
			return r
		}
	}
	return out
}

// portalForChecks is the portal a resource's ValidateConfig checks against:
// the configured provider's, or else the validated configuration's, or nil.
func portalForChecks(configured *providerData, validation func() *providerData) *providerData {
	if configured != nil || validation == nil {
		return configured
	}
	return validation()
}

// checkFetchFailed reports that a list needed by a check could not be
// fetched: an error on a configured provider, nothing during validation
// (the plan checks again).
func checkFetchFailed(ctx context.Context, data *providerData, diags *diag.Diagnostics, summary string, err error) {
	if data.lenient {
		tflog.Debug(ctx, "check skipped during validation: "+summary, map[string]any{"error": err.Error()})
		return
	}
	addClientError(diags, summary, err, nil)
}
