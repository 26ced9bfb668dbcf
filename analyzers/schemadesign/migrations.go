package schemadesign

import (
	"fmt"
	"strings"

	"github.com/dblint/dblint/sqlschema"
	"github.com/dblint/dblint/sqlschema/pgsql"
)

// pending is a finding on a migration statement that a later migration
// may still undo (REVOKE ALL, ALTER ROLE ... NOSUPERUSER, DROP ROLE).
type pending struct {
	rule   string
	script *sqlschema.Script
	st     *pgsql.Statement
	msg    string
	keys   map[string]bool // what must stay granted for the finding to stand
}

// migrations reports GRANT ALL and SUPERUSER roles in the up scripts of a
// migration directory, unless a later migration revokes them: like the
// table rules, they are about the database the migrations leave behind.
func (c *checker) migrations(migs []*sqlschema.Migration) {
	var found []*pending
	undo := func(key string) {
		for _, p := range found {
			delete(p.keys, key)
		}
	}
	for _, m := range migs {
		if m.Up == nil {
			continue
		}
		for i := range m.Up.Statements {
			st := &m.Up.Statements[i]
			n := st.Node
			switch {
			case grantOf(n) != nil:
				g := grantOf(n)
				keys := grantKeys(g, n.GetAlterDefaultPrivilegesStmt() != nil)
				if len(keys) == 0 {
					continue
				}
				if !g.GetIsGrant() {
					if len(g.GetPrivileges()) == 0 { // REVOKE ALL
						for _, k := range keys {
							undo(k)
						}
					}
					continue
				}
				if len(g.GetPrivileges()) > 0 {
					continue
				}
				p := &pending{rule: ruleGrantAll, script: m.Up, st: st, msg: grantMessage(g, n.GetAlterDefaultPrivilegesStmt() != nil), keys: map[string]bool{}}
				for _, k := range keys {
					p.keys[k] = true
				}
				found = append(found, p)
			case n.GetCreateRoleStmt() != nil:
				cr := n.GetCreateRoleStmt()
				if superuser(cr.GetOptions()) == 1 {
					found = append(found, superuserFinding(m.Up, st, cr.GetRole()))
				}
			case n.GetAlterRoleStmt() != nil:
				ar := n.GetAlterRoleStmt()
				role := roleName(ar.GetRole())
				switch superuser(ar.GetOptions()) {
				case 1:
					found = append(found, superuserFinding(m.Up, st, role))
				case 0:
					undo("superuser\x00" + role)
				}
			case n.GetDropRoleStmt() != nil:
				for _, r := range n.GetDropRoleStmt().GetRoles() {
					undo("superuser\x00" + roleName(r.GetRoleSpec()))
				}
			}
		}
	}
	for _, p := range found {
		if len(p.keys) > 0 {
			c.reportAt(p.rule, c.files.File(p.script.File), p.st, p.st.Pos.Offset, p.msg)
		}
	}
}

// grantOf returns the GRANT or REVOKE of a statement, also the one inside
// ALTER DEFAULT PRIVILEGES.
func grantOf(n *pgsql.Node) *pgsql.GrantStmt {
	if g := n.GetGrantStmt(); g != nil {
		return g
	}
	return n.GetAlterDefaultPrivilegesStmt().GetAction()
}

// allMatters lists the object kinds where ALL grants more than the
// application needs; on a function ALL is EXECUTE, on a type USAGE.
var allMatters = map[pgsql.ObjectType]struct{ kind, extra, instead string }{
	pgsql.ObjectType_OBJECT_TABLE:    {"table", "including TRUNCATE, REFERENCES and TRIGGER", "GRANT SELECT, INSERT, UPDATE, DELETE"},
	pgsql.ObjectType_OBJECT_SEQUENCE: {"sequence", "including UPDATE, which lets it setval()", "GRANT USAGE, SELECT"},
	pgsql.ObjectType_OBJECT_SCHEMA:   {"schema", "including CREATE, which lets it add objects (and functions that shadow others) to it", "GRANT USAGE"},
	pgsql.ObjectType_OBJECT_DATABASE: {"database", "including CREATE (schemas) and TEMPORARY", "GRANT CONNECT"},
}

// grantKeys names each (object, grantee) pair a GRANT or REVOKE on an
// object kind that matters covers; a REVOKE ALL with the same key undoes
// a GRANT ALL.
func grantKeys(g *pgsql.GrantStmt, defaults bool) []string {
	if _, ok := allMatters[g.GetObjtype()]; !ok {
		return nil
	}
	var objs []string
	switch {
	case defaults:
		objs = []string{"defaults"}
	case g.GetTargtype() == pgsql.GrantTargetType_ACL_TARGET_ALL_IN_SCHEMA:
		for _, o := range g.GetObjects() {
			objs = append(objs, "all in schema "+o.GetString_().GetSval())
		}
	default:
		for _, o := range g.GetObjects() {
			objs = append(objs, objectName(o))
		}
	}
	var keys []string
	for _, o := range objs {
		for _, r := range g.GetGrantees() {
			keys = append(keys, fmt.Sprintf("%d\x00%s\x00%s", g.GetObjtype(), o, roleName(r.GetRoleSpec())))
		}
	}
	return keys
}

func objectName(o *pgsql.Node) string {
	if rv := o.GetRangeVar(); rv != nil {
		return sqlschema.QualifiedName(rv.GetSchemaname(), rv.GetRelname())
	}
	return o.GetString_().GetSval()
}

func roleName(r *pgsql.RoleSpec) string {
	if r == nil {
		return ""
	}
	if r.GetRoletype() == pgsql.RoleSpecType_ROLESPEC_PUBLIC {
		return "PUBLIC"
	}
	if n := r.GetRolename(); n != "" {
		return n
	}
	return strings.ToLower(strings.TrimPrefix(r.GetRoletype().String(), "ROLESPEC_"))
}

func grantMessage(g *pgsql.GrantStmt, defaults bool) string {
	m := allMatters[g.GetObjtype()]
	var what string
	switch {
	case defaults:
		what = m.kind + "s created later (ALTER DEFAULT PRIVILEGES)"
	case g.GetTargtype() == pgsql.GrantTargetType_ACL_TARGET_ALL_IN_SCHEMA:
		var names []string
		for _, o := range g.GetObjects() {
			names = append(names, fmt.Sprintf("%q", o.GetString_().GetSval()))
		}
		what = fmt.Sprintf("all %ss in schema %s", m.kind, strings.Join(names, ", "))
	default:
		var names []string
		for _, o := range g.GetObjects() {
			names = append(names, fmt.Sprintf("%q", objectName(o)))
		}
		what = m.kind + " " + strings.Join(names, ", ")
	}
	var roles []string
	for _, r := range g.GetGrantees() {
		roles = append(roles, fmt.Sprintf("%q", roleName(r.GetRoleSpec())))
	}
	return fmt.Sprintf("GRANT ALL on %s to %s gives every privilege, %s; grant only what the application needs (%s)",
		what, strings.Join(roles, ", "), m.extra, m.instead)
}

// superuser reads the SUPERUSER / NOSUPERUSER option of CREATE or ALTER
// ROLE: 1 for SUPERUSER, 0 for NOSUPERUSER, -1 when absent.
func superuser(opts []*pgsql.Node) int {
	for _, o := range opts {
		de := o.GetDefElem()
		if de == nil || de.GetDefname() != "superuser" {
			continue
		}
		if de.GetArg().GetBoolean().GetBoolval() {
			return 1
		}
		return 0
	}
	return -1
}

func superuserFinding(s *sqlschema.Script, st *pgsql.Statement, role string) *pending {
	return &pending{
		rule: ruleSuperuser, script: s, st: st,
		msg:  fmt.Sprintf("role %q is made SUPERUSER by a migration: it bypasses every permission check and row-level security and can read files and run programs on the database server; grant it the privileges it needs instead (GRANT ..., or predefined roles such as pg_read_all_data)", role),
		keys: map[string]bool{"superuser\x00" + role: true},
	}
}
