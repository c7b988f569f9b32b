package target

import (
	"net/url"
	"strings"
)

// awsDomains are the DNS suffixes of AWS service endpoints: the classic
// domain, the China partition and the dual-stack domain.
var awsDomains = []string{"amazonaws.com", "amazonaws.com.cn", "api.aws"}

// IsAWSEndpoint reports whether baseURL's host is amazonaws.com or a name
// under it (likewise amazonaws.com.cn and api.aws). A URL without a scheme is
// read as a bare host. Unparseable input is not an AWS endpoint.
func IsAWSEndpoint(baseURL string) bool {
	s := strings.TrimSpace(baseURL)
	if !strings.Contains(s, "://") {
		s = "//" + s
	}
	u, err := url.Parse(s)
	if err != nil {
		return false
	}
	host := strings.TrimSuffix(strings.ToLower(u.Hostname()), ".")
	for _, d := range awsDomains {
		if host == d || strings.HasSuffix(host, "."+d) {
			return true
		}
	}
	return false
}
