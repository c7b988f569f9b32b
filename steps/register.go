package steps

import (
	"context"
	"fmt"
	"regexp"
	"strings"

	"github.com/cucumber/godog"
)

// Patterns are the vocabulary's step expressions, in the order Register installs them. They
// are mutually exclusive: a step text matches at most one.
var Patterns = []string{
	patValidRequest, patSetLength, patSetRepeat, patSetRepeatSuffix, patSetJSON, patSetText,
	patRemove, patDistinctItems, patSameKeyItems, patBody, patBodyEmpty, patHeader, patHeaderRemoved,
	patSend, patAccepted, patRejectedAt, patRejected, patConforms, patErrorType, patCreatedNew,
	patCreate, patReadBack, patReadsBack, patCreateMany, patIDsEscaped,
}

const (
	patValidRequest    = `^a valid "([^"]*)" request$`
	patSetLength       = `^the member "([^"]*)" is set to a string of length (\d+)$`
	patSetRepeat       = `^the member "([^"]*)" is set to (\d+) "([^"]*)" characters$`
	patSetRepeatSuffix = `^the member "([^"]*)" is set to (\d+) "([^"]*)" characters followed by "([^"]*)"$`
	patSetJSON         = `(?s)^the member "([^"]*)" is set to JSON (.+)$`
	patSetText         = `(?s)^the member "([^"]*)" is set to "(.*)"$`
	patRemove          = `^the member "([^"]*)" is removed$`
	patDistinctItems   = `^the member "([^"]*)" holds (\d+) distinct items$`
	patSameKeyItems    = `^the member "([^"]*)" holds (\d+) items with the same key$`
	patBody            = `(?s)^the body is: (.*)$`
	patBodyEmpty       = `^the body is empty$`
	patHeader          = `^the header "([^"]*)" is "([^"]*)"$`
	patHeaderRemoved   = `^the header "([^"]*)" is removed$`
	patSend            = `^I send the request$`
	patAccepted        = `^the request is accepted$`
	patRejectedAt      = `^the request is rejected for breaking "([^"]*)" of "([^"]*)"$`
	patRejected        = `^the request is rejected for breaking "([^"]*)"$`
	patConforms        = `^the response conforms to the spec$`
	patErrorType       = `^the error type is "([^"]*)" with status (\d+)$`
	patCreatedNew      = `^the created resource is new and in its documented initial state$`
	patCreate          = `^I create a resource with a valid "([^"]*)" request$`
	patReadBack        = `^I read it back$`
	patReadsBack       = `^it reads back as created$`
	patCreateMany      = `^I create (\d+) resources with valid "([^"]*)" requests and read each back$`
	patIDsEscaped      = `^some ids needed percent-encoding in the path$`
)

// compiled holds every pattern compiled once: godog would otherwise compile the vocabulary
// again for every scenario.
var compiled = func() map[string]*regexp.Regexp {
	m := make(map[string]*regexp.Regexp, len(Patterns))
	for _, p := range Patterns {
		m[p] = regexp.MustCompile(p)
	}
	return m
}()

// acceptancePatterns are the steps that expect a request to be accepted: the send fence refuses
// to send in a scenario holding one when live writes are not allowed.
var acceptancePatterns = []*regexp.Regexp{compiled[patAccepted], compiled[patReadsBack], compiled[patCreatedNew]}

// Register installs the vocabulary on sc for one scenario and returns the State the scenario
// fills. godog calls the ScenarioInitializer once per scenario, so each gets its own State.
func Register(sc *godog.ScenarioContext, env *Env) *State {
	st := &State{}
	s := &scenario{env: env, st: st}

	sc.Before(func(ctx context.Context, p *godog.Scenario) (context.Context, error) {
		for _, step := range p.Steps {
			st.steps = append(st.steps, step.Text)
		}
		if env.guarded() && hasTag(p, CreatesTag) {
			st.SkipReason = "the target is real AWS and this scenario creates resources (tagged @creates); allow live writes to run it"
			return ctx, godog.ErrSkip
		}
		return ctx, nil
	})
	sc.StepContext().After(func(ctx context.Context, step *godog.Step, status godog.StepResultStatus, err error) (context.Context, error) {
		switch status {
		case godog.StepUndefined, godog.StepPending, godog.StepAmbiguous:
			st.Undefined = append(st.Undefined, fmt.Sprintf("%s (%s)", step.Text, status))
		}
		return ctx, nil
	})

	step := func(p string, fn any) { sc.Step(compiled[p], fn) }
	step(patValidRequest, s.validRequest)
	step(patSetLength, s.setLength)
	step(patSetRepeat, s.setRepeat)
	step(patSetRepeatSuffix, s.setRepeatSuffix)
	step(patSetJSON, s.setJSON)
	step(patSetText, s.setText)
	step(patRemove, s.remove)
	step(patDistinctItems, s.distinctItems)
	step(patSameKeyItems, s.sameKeyItems)
	step(patBody, s.body)
	step(patBodyEmpty, s.bodyEmpty)
	step(patHeader, s.header)
	step(patHeaderRemoved, s.headerRemoved)
	step(patSend, s.send)
	step(patAccepted, s.accepted)
	step(patRejectedAt, s.rejectedAt)
	step(patRejected, s.rejected)
	step(patConforms, s.conforms)
	step(patErrorType, s.errorType)
	step(patCreatedNew, s.createdNew)
	step(patCreate, s.create)
	step(patReadBack, s.readBack)
	step(patReadsBack, s.readsBackAsCreated)
	step(patCreateMany, s.createMany)
	step(patIDsEscaped, s.idsEscaped)
	return st
}

// scenario binds the step functions to one scenario's State.
type scenario struct {
	env *Env
	st  *State
}

func hasTag(p *godog.Scenario, tag string) bool {
	for _, t := range p.Tags {
		if strings.EqualFold(t.Name, tag) {
			return true
		}
	}
	return false
}
