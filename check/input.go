package check

// AboutInput reports whether a check judges how the target treated the input's rule (so a
// failure's request rule says something about it), as opposed to the response's shape, where
// the rule the input happened to break is beside the point.
func AboutInput(n Name) bool {
	return n == NegativeDataRejection || n == PositiveDataAcceptance || n == ExpectedOutcome
}
