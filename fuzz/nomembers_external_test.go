package fuzz_test

import (
	"testing"

	"github.com/plumbhq/plumb/fuzz"
	"github.com/plumbhq/plumb/specs"
)

// An operation whose input has no member (a derived DescribeLocations: no input shape) has no
// member rule to break: it gets valid and protocol-break cases, never an invalid case that
// cannot be generated.
func TestOperationWithoutInputMembers(t *testing.T) {
	const doc = `openapi: 3.0.3
info: {title: t, version: '1', x-aws-service: svc, x-aws-protocol: awsJson1_1, x-aws-target-prefix: Svc}
paths:
  /#DescribeAll:
    post:
      operationId: DescribeAll
      x-aws-target: Svc.DescribeAll
      x-aws-errors: [{type: ClientException, status: 400, member: message, source: test}]
      parameters:
        - {name: X-Amz-Target, in: header, required: true, schema: {type: string, enum: [Svc.DescribeAll]}}
      requestBody:
        required: true
        content:
          application/x-amz-json-1.1:
            schema: {type: object}
      responses:
        '200':
          description: ok
          content:
            application/x-amz-json-1.1:
              schema: {type: object, properties: {n: {type: integer}}}
        '400':
          description: error
          content:
            application/x-amz-json-1.1:
              schema: {type: object, properties: {message: {type: string}}}
`
	set, err := specs.Parse([]string{"svc.yaml"}, map[string][]byte{"svc.yaml": []byte(doc)})
	if err != nil {
		t.Fatal(err)
	}
	p, err := fuzz.NewPlanner(fuzz.Config{Specs: set, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[fuzz.Kind]int{}
	for i := 0; i < 50; i++ {
		c, err := p.Case(i)
		if err != nil {
			t.Fatalf("case %d: %v", i, err)
		}
		kinds[c.Kind]++
	}
	if kinds[fuzz.KindInvalid] != 0 || kinds[fuzz.KindValid] == 0 || kinds[fuzz.KindProtocol] == 0 {
		t.Errorf("cases by kind: %v (want valid and protocol cases, no invalid one)", kinds)
	}
}
