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
// the validation of its own configuration, a providerData to check against
// (the validation data: a client of the portal the configuration names,
// and its reference cache); the resources' ValidateConfig use it until the
// provider is configured. Terraform runs one provider process per provider
// configuration, so the portal is the one this configuration names. The
// validation data is built only when every value of the provider block is
// known (variables are not, during validation), and a check that cannot
// fetch a list then skips silently: `terraform validate` must work offline,
// and the plan checks again.

var _ provider.ProviderWithValidateConfig = (*DatagouvProvider)(nil)

// validationTimeout bounds each request of a check during validation.
const validationTimeout = 10 * time.Second

// validationDataOf holds, per provider, the validation data of its
// configuration (nil when not known).
var validationDataOf sync.Map // *DatagouvProvider → *providerData

// ValidateConfig keeps the validation data of the configuration, for the checks
// the resources run during validation. Configure reports what is wrong with
// the configuration itself.
func (p *DatagouvProvider) ValidateConfig(ctx context.Context, req provider.ValidateConfigRequest, _ *provider.ValidateConfigResponse) {
	var cfg providerModel
	if diags := req.Config.Get(ctx, &cfg); diags.HasError() {
		validationDataOf.Store(p, (*providerData)(nil))
		return
	}
	validationDataOf.Store(p, p.lenientProviderData(cfg))
}

// validationData is the validation data of p's configuration, nil if
// unknown.
// Terraform does not validate an empty provider configuration (no block,
// or one with nothing set): the portal is then the environment's.
func (p *DatagouvProvider) validationData() *providerData {
	v, ok := validationDataOf.Load(p)
	if !ok {
		v, _ = validationDataOf.LoadOrStore(p, p.lenientProviderData(providerModel{}))
	}
	return v.(*providerData)
}

// lenientProviderData is the validation data of cfg, lenient (a check that
// cannot fetch a list skips), nil when a value is not known.
func (p *DatagouvProvider) lenientProviderData(cfg providerModel) *providerData {
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
// portal's lists, and takes the validation data for it.
type portalChecker interface {
	setValidationData(func() *providerData)
}

// withValidationData gives the resources of p the validation data of p's
// configuration.
func (p *DatagouvProvider) withValidationData(constructors []func() resource.Resource) []func() resource.Resource {
	out := make([]func() resource.Resource, len(constructors))
	for i, newResource := range constructors {
		out[i] = func() resource.Resource {
			r := newResource()
			if c, ok := r.(portalChecker); ok {
				c.setValidationData(p.validationData)
			}
			return r
		}
	}
	return out
}

// providerDataForChecks is what a resource's ValidateConfig checks against:
// the configured provider's data, or else the validation data, or nil.
func providerDataForChecks(configured *providerData, validation func() *providerData) *providerData {
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
