package target_test

import (
	"strings"
	"testing"

	"github.com/plumbhq/plumb/target"
)

func TestNewRejectsBadURLs(t *testing.T) {
	for name, tc := range map[string]struct {
		url, want string
	}{
		"empty":       {"", "empty URL"},
		"no scheme":   {"127.0.0.1:8080", "scheme"},
		"bare host":   {"localhost", "no scheme"},
		"ftp":         {"ftp://127.0.0.1/", `scheme "ftp"`},
		"no host":     {"http://", "no host"},
		"port only":   {"http://:8080", "no host"},
		"userinfo":    {"http://me:hunter2@127.0.0.1", "user info"},
		"query":       {"http://127.0.0.1/?a=1", "query"},
		"fragment":    {"http://127.0.0.1/#x", "fragment"},
		"bad port":    {"http://127.0.0.1:99999", "port"},
		"unparseable": {"http://[::1", "invalid URL"},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := target.New(target.Options{Targets: map[string]string{"outposts": tc.url}})
			if err == nil {
				t.Fatalf("New accepted %q", tc.url)
			}
			if !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), "outposts") {
				t.Errorf("error %q should mention %q and the service", err, tc.want)
			}
			if strings.Contains(err.Error(), "hunter2") {
				t.Errorf("error leaks the password: %v", err)
			}
		})
	}
	if _, err := target.New(target.Options{}); err == nil {
		t.Error("New accepted no targets")
	}
}

func TestNewAcceptsGoodURLs(t *testing.T) {
	c, err := target.New(target.Options{Targets: map[string]string{
		"":              "http://127.0.0.1:8080",
		"outposts":      "https://outposts.us-east-1.amazonaws.com",
		"directconnect": "http://[::1]:9000/base",
	}})
	if err != nil {
		t.Fatal(err)
	}
	if got := c.BaseURL("unknown"); got != "http://127.0.0.1:8080" {
		t.Errorf("BaseURL(unknown) = %q, want the default", got)
	}
	c, _ = target.New(target.Options{Targets: map[string]string{"outposts": "http://127.0.0.1"}})
	if got := c.BaseURL("directconnect"); got != "" {
		t.Errorf("BaseURL without default = %q, want empty", got)
	}
}

func TestIsAWSEndpoint(t *testing.T) {
	for url, want := range map[string]bool{
		"https://outposts.us-east-1.amazonaws.com":          true,
		"https://directconnect.eu-west-3.amazonaws.com/":    true,
		"https://OUTPOSTS.US-EAST-1.AMAZONAWS.COM:443":      true,
		"https://directconnect.cn-north-1.amazonaws.com.cn": true,
		"https://amazonaws.com":                             true,
		"https://outposts.us-east-1.amazonaws.com.":         true,
		"outposts.us-east-1.amazonaws.com":                  true,
		"https://outposts.us-east-1.api.aws":                true,
		"http://127.0.0.1:8080":                             false,
		"http://localhost":                                  false,
		"https://notamazonaws.com":                          false,
		"https://amazonaws.com.evil.example":                false,
		"https://evil.example/amazonaws.com":                false,
		"http://amazonaws.com@127.0.0.1/":                   false,
		"":                                                  false,
		"http://[::1":                                       false,
	} {
		if got := target.IsAWSEndpoint(url); got != want {
			t.Errorf("IsAWSEndpoint(%q) = %v, want %v", url, got, want)
		}
	}
}
