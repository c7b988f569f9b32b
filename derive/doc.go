// Package derive writes the OpenAPI specs plumb reads (--spec) from AWS service models: botocore
// service models (service-2.json or .json.gz) and Smithy JSON AST models, through one
// intermediate form both parse into, so every constraint, error and flow is derived the same way
// whatever the source. It also compares two sources, constraint by constraint (plumb derive
// --compare).
//
// What a derived spec holds, per operation: an operationId; awsJson operations as POST /#<Op>
// with x-aws-target and the X-Amz-Target parameter, restJson1 ones at their modelled URI with
// path labels (greedy {Name+} labels marked x-aws-greedy), query and header parameters, and the
// modelled success status; every constraint the model states (length → minLength/maxLength,
// list size → minItems/maxItems, range → minimum/maximum, pattern, enum, required); timestamps
// as epoch-second numbers unless a timestampFormat says otherwise; x-aws-errors with each
// error's status and message member, and a response per status; x-plumb-rules where the model
// makes a rule evident (uniqueKeys for a tag list of an operation documenting a duplicate-key
// error); x-plumb-opaque on pagination tokens and on resource ids and ARNs the service hands
// out; x-plumb-created where a create/read flow is evident (flow.go says when); and an x-source
// on every schema and member naming the source and the shape it came from, with the
// documentation's first sentence. What plumb's loader refuses (maps, documents) is left out and
// recorded on the operation (x-plumb-skipped) rather than failing the whole service. Services of
// another protocol (restXml, awsQuery, ec2Query) are refused by name with a *ProtocolError.
//
// Index of the public API:
//
//   - Read, ResolveSource, BotocoreData: read a source file (or "botocore:SERVICE", the installed
//     botocore's model) into Models (read.go); a malformed or truncated file is one error with
//     its file:line:column, an operation naming a shape the model lacks is refused.
//   - ReadAll, Merge: several sources at once, the models of one service merged, each operation
//     from the first source that gives it (read.go, merge.go): `make specs` derives the
//     committed specs from the seed documents and botocore's Direct Connect model this way.
//   - ReadBotocore: botocore service models (botocore.go); ReadSmithy: Smithy JSON AST models
//     (smithy.go). ProtocolError: a service refused for its protocol.
//   - Model, Operation, Shape, Member, Constraints, ErrorInfo, FirstSentence: the intermediate
//     form (model.go).
//   - Model.OpenAPI, Options: write the spec as YAML, keys in a stable order (openapi.go, with
//     yamlnode.go building the nodes and flow.go deriving flows and rules).
//   - Compare, CompareSources, Comparison, Diff, FormatDiffs: two sources (models or spec files)
//     loaded as plumb loads specs, and their constraints, flows and opaque members compared
//     (compare.go).
//   - ReadSeeds, IsSeedSource, SeedOverlay: the seed documents (shared/seeds: boto3 reference
//     pages, AWS API Reference pages as text) merged per operation, with the committed overlay
//     (overlay/seeds.yaml, facts quoted from aws-protocols.md, plumb's example inputs and
//     create → read flows) for what they do not say (seeds.go). Operation.Example and
//     Operation.Created carry the overlay's examples and flows to the writer. Read takes a folder or a .txt page too. Member.Disagree (x-documents-disagree)
//     and Member.Rules (x-plumb-rules a source states) carry what only the documents give.
//
// The committed specs/*.yaml are this package's output (make specs; committed_external_test.go
// fails when they differ). What a model does not say is never guessed: members the loader
// refuses are left out and recorded (x-plumb-skipped on the operation), and an operation none of
// whose errors is named as the one answering invalid input says so (x-plumb-validation-unknown):
// invalid input then earns any error it documents.
package derive
