package emulator

import "slices"

// Operations are the operations the emulator implements, by operationId, in the specs' order.
var Operations = []string{opStart, opGet, opCreate, opDescribe}

// services maps each implemented operation to its service (the specs' x-aws-service).
var services = map[string]string{opStart: "outposts", opGet: "outposts", opCreate: "directconnect", opDescribe: "directconnect"}

// Implements reports whether the emulator serves operation op of service svc: a user's spec
// naming any other operation needs a target of its own.
func Implements(svc, op string) bool {
	return slices.Contains(Operations, op) && services[op] == svc
}
