package main_test

import (
	"bufio"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/outposts"
	"github.com/aws/aws-sdk-go-v2/service/outposts/types"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The built binary: `plumb serve` prints its address, answers the official AWS SDK, and stops
// cleanly on SIGINT.
func TestServeAnswersTheAWSSDKAndStopsOnSIGINT(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := filepath.Join(t.TempDir(), "plumb")
	build := exec.Command("go", "build", "-o", bin, ".")
	build.Stderr = os.Stderr
	require.NoError(t, build.Run())

	cmd := exec.Command(bin, "serve", "--addr", "127.0.0.1:0")
	stdout, err := cmd.StdoutPipe()
	require.NoError(t, err)
	require.NoError(t, cmd.Start())
	t.Cleanup(func() { _ = cmd.Process.Kill() })

	lines := bufio.NewScanner(stdout)
	require.True(t, lines.Scan(), "serve printed nothing")
	first := lines.Text()
	require.Contains(t, first, "listening on http://127.0.0.1:")
	url := first[strings.Index(first, "http://"):]

	client := outposts.New(outposts.Options{
		Region:       "us-east-1",
		BaseEndpoint: aws.String(url),
		Credentials:  credentials.NewStaticCredentialsProvider("AKIDPLUMBTEST", "plumb-fake-secret", ""),
	})
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	key := "yAnz5TF+lXXJte14tji3zlMNq+hd2rYUIgJBgB3fBmk="
	started, err := client.StartConnection(ctx, &outposts.StartConnectionInput{
		AssetId: aws.String("asset01"), ClientPublicKey: aws.String(key), NetworkInterfaceDeviceIndex: 0,
	})
	require.NoError(t, err)
	got, err := client.GetConnection(ctx, &outposts.GetConnectionInput{ConnectionId: started.ConnectionId})
	require.NoError(t, err)
	assert.Equal(t, key, aws.ToString(got.ConnectionDetails.ClientPublicKey))

	_, err = client.GetConnection(ctx, &outposts.GetConnectionInput{ConnectionId: aws.String("bm90LXN0YXJ0ZWQ=")})
	var nf *types.NotFoundException
	assert.ErrorAs(t, err, &nf)

	// Read the rest of stdout before Wait, which closes the pipe.
	rest := make(chan string, 1)
	go func() {
		var b strings.Builder
		for lines.Scan() {
			b.WriteString(lines.Text() + "\n")
		}
		rest <- b.String()
	}()
	require.NoError(t, cmd.Process.Signal(syscall.SIGINT))
	select {
	case out := <-rest:
		assert.Contains(t, out, "stopping")
	case <-time.After(10 * time.Second):
		t.Fatal("serve did not stop on SIGINT")
	}
	assert.NoError(t, cmd.Wait(), "serve must exit 0 on SIGINT")
}
