// Package scenarios writes the Gherkin feature of any operation from its spec, so that
// `plumb run` exercises operations no feature file covers, and `plumb spec features OP` prints
// the feature for a user to commit and edit.
//
// Index:
//   - Feature (feature.go): the feature of one operation: a Background on the valid base input
//     (steps.BaseInput), a valid request judged against the response schema, every boundary case
//     of every request constraint (generators.Boundary) as member steps, the wire protocol's
//     request rules (json, contentType, target), and a scenario per documented error an input
//     can provoke; each scenario tagged with the constraint ids it exercises, as
//     package features' conventions require. FileName: the name it goes by.
//
// A case is a whole document; a scenario states only its difference from the base input
// (change.go, express.go): the member the case is about, carried into the base, kept only if
// the result breaks exactly the rules the case's document breaks (as the target receives it:
// path labels travel as text). Each change is written in its most readable form that breaks the
// same rules ("a string of length 101" rather than 101 random characters; render.go), cases of
// one member and rule share a Scenario Outline, and names read like the hand-written ones
// (names.go). Nothing here sends a request: the steps (package steps) run the text.
package scenarios
