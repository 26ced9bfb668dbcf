package pgsql

import (
	"google.golang.org/protobuf/reflect/protoreflect"
)

// Inspect walks the parse tree below n in depth-first order, calling f for
// every *Node (n included). When f returns false, the children of that
// node are skipped. It covers every node type through protobuf reflection,
// so new node kinds in a parser upgrade are still visited.
func Inspect(n *Node, f func(*Node) bool) {
	if n == nil || n.GetNode() == nil {
		return
	}
	if !f(n) {
		return
	}
	inspectMessage(n.ProtoReflect(), f)
}

// InspectAll walks every node in a list.
func InspectAll(list []*Node, f func(*Node) bool) {
	for _, n := range list {
		Inspect(n, f)
	}
}

var nodeName = (&Node{}).ProtoReflect().Descriptor().FullName()

func inspectMessage(m protoreflect.Message, f func(*Node) bool) {
	m.Range(func(fd protoreflect.FieldDescriptor, v protoreflect.Value) bool {
		if fd.Kind() != protoreflect.MessageKind {
			return true
		}
		visit := func(msg protoreflect.Message) {
			if msg.Descriptor().FullName() == nodeName {
				if nd, ok := msg.Interface().(*Node); ok {
					Inspect(nd, f)
				}
				return
			}
			inspectMessage(msg, f)
		}
		switch {
		case fd.IsList():
			l := v.List()
			for i := 0; i < l.Len(); i++ {
				visit(l.Get(i).Message())
			}
		case fd.IsMap():
		default:
			visit(v.Message())
		}
		return true
	})
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
