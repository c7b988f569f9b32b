// Package steps is the Gherkin step vocabulary behind `plumb run`: a small, regular, generic
// set of steps, so a new scenario needs no new Go. Every judgement goes through check.Engine
// (kin-openapi validation of the real response against the spec); the documented error and
// status a broken rule earns are looked up in the spec, never written here.
//
// Index:
//   - Env, CreatesTag (env.go): what every scenario of a run shares: specs, client, engine,
//     live-AWS guard; the tag marking scenarios that create resources.
//   - State, Record (state.go): one scenario's exchanges and check results, read by the driver;
//     State.Release drops the last exchange once the driver has collected the scenario.
//   - Register (register.go): installs the vocabulary and the live-AWS Before hook on a
//     godog.ScenarioContext and returns the scenario's State.
//   - Patterns (register.go): the vocabulary's step expressions, for documentation and checks.
//   - BaseInput (input.go): the valid input an operation's scenarios start from: the spec's example, else a generated one.
//
// The vocabulary (Given / When / Then; "<...>" marks a parameter):
//
//	a valid "<Operation>" request
//	the member "<path>" is set to "<text>"             path: name, list[0].key, ...
//	the member "<path>" is set to a string of length <n>
//	the member "<path>" is set to <n> "<s>" characters [followed by "<t>"]
//	the member "<path>" is set to JSON <json>          raw JSON: 2, "1", null, true, {}, []
//	the member "<path>" is removed
//	the member "<path>" holds <n> distinct items | <n> items with the same key   (the list's uniqueKeys rule)
//	the body is: <raw text>   |   the body is empty
//	the header "<name>" is "<value>"   |   the header "<name>" is removed
//	I send the request
//	the request is accepted
//	the request is rejected for breaking "<keyword>" [of "<$.path>"]
//	the response conforms to the spec
//	the error type is "<Type>" with status <n>
//	the created resource is new and in its documented initial state   (x-plumb-created)
//	I create a resource with a valid "<Op>" request / I read it back / it reads back as created
//	I create <n> resources with valid "<Op>" requests and read each back
//	some ids needed percent-encoding in the path        a warning if none did (a failure if strict)
//
// The flow steps follow the spec's x-plumb-created read (specs.ReadBack) of the create named.
package steps
