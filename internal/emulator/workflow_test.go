package emulator

import (
	"bytes"
	"os"
	"os/exec"
	"strings"
	"testing"
)

// TestAPIGuideWorkflow performs the workflow of data.gouv.fr's API guide
// over real HTTP and checks the statuses data.gouv.fr answers.
func TestAPIGuideWorkflow(t *testing.T) {
	e := newEnv(t, Config{})
	api := "/api/1"
	ds := e.do("POST", api+"/datasets/", AliceKey, map[string]any{"title": "my title", "description": "My description", "organization": OrgID}).want(t, 201)
	dsID := ds.str("id")
	up := e.upload(api+"/datasets/"+dsID+"/upload/", AliceKey, "my-file.csv", []byte("col1,col2\n1,2\n")).want(t, 201)
	rid := up.str("id")
	e.do("POST", api+"/datasets/"+dsID+"/resources/", AliceKey, map[string]any{"title": "My remote resource", "url": "https://www.example.com/data.csv", "filetype": "remote", "type": "main"}).want(t, 201)
	e.do("PUT", api+"/datasets/"+dsID+"/", AliceKey, map[string]any{"title": "My new title", "description": "My new description"}).want(t, 200)
	e.do("PUT", api+"/datasets/"+dsID+"/resources/"+rid+"/", AliceKey, map[string]any{"title": "My new resource title"}).want(t, 200)
	re := e.upload(api+"/datasets/"+dsID+"/resources/"+rid+"/upload/", AliceKey, "my-new-file.csv", []byte("col1,col2\n3,4\n")).want(t, 200)
	if re.str("id") != rid || re.str("title") != "my-new-file.csv" {
		t.Errorf("replace: %s", re.raw)
	}
	e.do("DELETE", api+"/datasets/"+dsID+"/resources/"+rid+"/", AliceKey, nil).want(t, 204)
	e.do("DELETE", api+"/datasets/"+dsID+"/", AliceKey, nil).want(t, 204)
	e.do("PUT", api+"/datasets/"+dsID+"/", AliceKey, map[string]any{"deleted": nil}).want(t, 200)
	final := e.do("GET", api+"/datasets/"+dsID+"/", "", nil).want(t, 200)
	if final.str("title") != "My new title" || len(final.obj()["resources"].([]any)) != 1 {
		t.Errorf("final dataset: %s", final.raw)
	}
}

// TestCurlWorkflowScript runs testdata/curl-workflow.sh unchanged against
// the emulator, when curl is installed.
func TestCurlWorkflowScript(t *testing.T) {
	if _, err := exec.LookPath("curl"); err != nil {
		t.Skip("curl not installed")
	}
	sh, err := exec.LookPath("sh")
	if err != nil {
		t.Skip("sh not available")
	}
	e := newEnv(t, Config{})
	cmd := exec.Command(sh, "testdata/curl-workflow.sh")
	cmd.Env = append(os.Environ(), "API="+e.ts.URL+"/api/1", "API_KEY="+AliceKey, "ORG="+OrgID)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		t.Fatalf("curl workflow failed: %v\n%s", err, out.String())
	}
	if !strings.Contains(out.String(), "workflow complete") {
		t.Errorf("unexpected output:\n%s", out.String())
	}
}
