package target

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
)

func fakeCredentials(context.Context) (aws.Credentials, error) {
	return aws.Credentials{
		AccessKeyID:     FakeAccessKeyID,
		SecretAccessKey: FakeSecretAccessKey,
		Source:          "plumb fake test credentials",
	}, nil
}
