package client_test

import (
	"context"
	"testing"

	"github.com/datagouv-community/terraform-provider-datagouv/internal/client"
	"github.com/datagouv-community/terraform-provider-datagouv/internal/emulator"
)

// A dataset private to its owner exists for another key (which Get cannot
// read); an id naming no dataset does not.
func TestDatasetsExists(t *testing.T) {
	_, srv := startEmulator(t, emulator.Config{})
	mk := func(key string) *client.Client {
		c, err := client.New(client.Config{BaseURL: srv.URL, APIKey: key, MaxRetries: -1})
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	ctx := context.Background()
	alice, bob := mk(emulator.AliceKey), mk(emulator.BobKey)
	ds, err := alice.Datasets.Create(ctx, &client.DatasetInput{Title: "Private", Description: "Private to Alice.", Private: true})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := bob.Datasets.Get(ctx, ds.ID); err == nil {
		t.Fatal("Bob reads Alice's private dataset: the test proves nothing")
	}
	if ok, err := bob.Datasets.Exists(ctx, ds.ID); !ok || err != nil {
		t.Errorf("Exists(private dataset) = %v, %v; want true", ok, err)
	}
	if ok, err := bob.Datasets.Exists(ctx, "0123456789abcdef01234567"); ok || err != nil {
		t.Errorf("Exists(no dataset) = %v, %v; want false", ok, err)
	}
}
