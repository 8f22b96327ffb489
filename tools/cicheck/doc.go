// Package cicheck holds the test of the CI examples (examples/ci): the
// GitHub Actions workflow and the GitLab CI pipeline that the guide
// "Publish from CI" shows. actionlint checks the workflow's syntax
// (scripts/docs-check.sh); this test checks what the guide promises of
// both: plan on a change request, apply once merged, one apply at a time,
// the key from the CI's secrets and never in a file.
package cicheck
