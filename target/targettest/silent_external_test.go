package targettest_test

import (
	"net/http"
	"testing"
	"time"

	"github.com/plumbhq/plumb/target/targettest"
)

func TestSilentNeverAnswersAndCountsConnections(t *testing.T) {
	s, err := targettest.NewSilent()
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	c := &http.Client{Timeout: 100 * time.Millisecond}
	for range 3 {
		if resp, err := c.Get(s.URL); err == nil {
			resp.Body.Close()
			t.Fatal("the silent target answered")
		}
	}
	if got := s.Conns(); got != 3 {
		t.Errorf("Conns() = %d, want 3 (one per timed-out request)", got)
	}
}
