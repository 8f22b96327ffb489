package main

import (
	"slices"
	"testing"
)

func TestUnreadLogLevels(t *testing.T) {
	all := []string{"TF_LOG_SDK", "TF_LOG_SDK_PROTO", "TF_LOG_SDK_FRAMEWORK", "TF_LOG_PROVIDER_DATAGOUV"}
	for _, tc := range []struct {
		name string
		env  map[string]string
		want []string
	}{
		{"no log asked: the CLI drops them, none written", nil, all},
		{"TF_LOG=off is no log asked", map[string]string{"TF_LOG": "OFF"}, all},
		{"TF_LOG shows them", map[string]string{"TF_LOG": "DEBUG"}, nil},
		{"TF_LOG=JSON shows them", map[string]string{"TF_LOG": "json"}, nil},
		{"TF_LOG_PROVIDER shows them", map[string]string{"TF_LOG_PROVIDER": "trace"}, nil},
		{"TF_LOG_PROVIDER=off wins over TF_LOG", map[string]string{"TF_LOG": "info", "TF_LOG_PROVIDER": "off"}, all},
		{"an unknown level is trace for the CLI", map[string]string{"TF_LOG": "verbose"}, nil},
		{"a level set by the user is kept", map[string]string{"TF_LOG_SDK_PROTO": "trace"},
			[]string{"TF_LOG_SDK", "TF_LOG_SDK_FRAMEWORK", "TF_LOG_PROVIDER_DATAGOUV"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := unreadLogLevels(func(k string) string { return tc.env[k] })
			if !slices.Equal(got, tc.want) {
				t.Errorf("unreadLogLevels = %v, want %v", got, tc.want)
			}
		})
	}
}
