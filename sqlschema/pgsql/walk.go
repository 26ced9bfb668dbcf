package pgsql

// Inspect walks the parse tree below n in depth-first order, calling f for
// every *Node (n included; nil nodes and nodes holding no value are
// skipped). When f returns false, the children of that node are skipped.
// Children are visited in the order pg_query.proto declares their fields
// (field-number order).
//
// The walk is done by walkNode and one function per parse-tree message
// type, generated into walk_gen.go by internal/gennodes from pg_query's
// pb.go. It used to range over the fields by protobuf reflection, which
// boxes every populated field, scalars included, and was most of the time
// sqlschema spends binding a query; the generated walker reads the fields
// directly and skips fields whose types cannot hold a *Node (names,
// constants, locations). A parser upgrade regenerates it with go generate
// (the generator stops on a field shape it does not know);
// TestInspectMatchesReflection and TestInspectEveryNodeType check that it
// visits exactly what a walk by reflection visits.
func Inspect(n *Node, f func(*Node) bool) {
	if n == nil || n.Node == nil {
		return
	}
	if !f(n) {
		return
	}
	walkNode(n, f)
}

// InspectAll walks every node in a list.
func InspectAll(list []*Node, f func(*Node) bool) {
	for _, n := range list {
		Inspect(n, f)
	}
}

// StringValue returns the string of a String node, or "".
func StringValue(n *Node) string {
	if s := n.GetString_(); s != nil {
		return s.GetSval()
	}
	return ""
}

// Strings returns the strings of a list of String nodes (qualified names).
func Strings(list []*Node) []string {
	out := make([]string, 0, len(list))
	for _, n := range list {
		out = append(out, StringValue(n))
	}
	return out
}
