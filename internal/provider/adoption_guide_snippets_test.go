package provider_test

import (
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclwrite"
)

// The adoption tests run the blocks the guide (adoptionGuide) shows, not
// copies of them: a guide edited into something that no longer works fails
// these tests. The blocks are read with hclwrite, so that a test sets the
// organization's id where the guide has a placeholder without rewriting
// the rest.

// guideSnippets is every ```terraform block of the adoption guide, parsed
// as one file (only its syntax: the snippets are alternatives, and several
// declare the same names).
func guideSnippets(t *testing.T) *hclwrite.File {
	t.Helper()
	raw, err := os.ReadFile(adoptionGuide)
	if err != nil {
		t.Fatal(err)
	}
	var src strings.Builder
	for _, m := range regexp.MustCompile("(?ms)^```terraform\n(.*?)^```").FindAllStringSubmatch(string(raw), -1) {
		src.WriteString(m[1] + "\n")
	}
	f, diags := hclwrite.ParseConfig([]byte(src.String()), adoptionGuide, hcl.InitialPos)
	if diags.HasErrors() {
		t.Fatalf("the terraform blocks of %s do not parse: %v", adoptionGuide, diags)
	}
	return f
}

// guideBlock is a copy of the guide's first top-level block of this type
// and labels whose attributes all hold (attribute name => a substring of its
// expression, for blocks the labels do not tell apart, such as import).
func guideBlock(t *testing.T, typ string, labels []string, attrs map[string]string) *hclwrite.Block {
	t.Helper()
	for _, b := range guideSnippets(t).Body().Blocks() {
		if b.Type() != typ || strings.Join(b.Labels(), " ") != strings.Join(labels, " ") || !hasAttributes(b, attrs) {
			continue
		}
		return b
	}
	t.Fatalf("%s shows no %s %q block with %v", adoptionGuide, typ, labels, attrs)
	return nil
}

// guideLocals is every top-level locals block of the guide's examples: the
// keys its for_each patterns give the adopted datasets and files, so that a
// test runs what the guide tells users to write.
func guideLocals(t *testing.T) string {
	t.Helper()
	var blocks []*hclwrite.Block
	for _, b := range guideSnippets(t).Body().Blocks() {
		if b.Type() == "locals" {
			blocks = append(blocks, b)
		}
	}
	if len(blocks) == 0 {
		t.Fatalf("%s holds no locals block", adoptionGuide)
	}
	return string(hclFile(blocks...))
}

// hasAttributes tells whether each attribute of attrs is set in b to an
// expression containing the given text.
func hasAttributes(b *hclwrite.Block, attrs map[string]string) bool {
	for name, text := range attrs {
		a := b.Body().GetAttribute(name)
		if a == nil || !strings.Contains(string(a.Expr().BuildTokens(nil).Bytes()), text) {
			return false
		}
	}
	return true
}

// hclFile renders blocks as a configuration file.
func hclFile(blocks ...*hclwrite.Block) []byte {
	f := hclwrite.NewEmptyFile()
	for i, b := range blocks {
		if i > 0 {
			f.Body().AppendNewline()
		}
		f.Body().AppendBlock(b)
	}
	return f.Bytes()
}
