package migrationsafety

import "github.com/dblint/dblint/sqlschema/pgsql"

// lockMode is a PostgreSQL table lock mode, weakest first (only the modes
// DDL takes).
type lockMode int

const (
	lockNone lockMode = iota
	lockShareUpdateExclusive
	lockShare
	lockShareRowExclusive
	lockExclusive
	lockAccessExclusive
)

func (m lockMode) String() string {
	switch m {
	case lockShareUpdateExclusive:
		return "SHARE UPDATE EXCLUSIVE"
	case lockShare:
		return "SHARE"
	case lockShareRowExclusive:
		return "SHARE ROW EXCLUSIVE"
	case lockExclusive:
		return "EXCLUSIVE"
	case lockAccessExclusive:
		return "ACCESS EXCLUSIVE"
	}
	return "no"
}

// withArticle is the mode with its indefinite article: "an ACCESS
// EXCLUSIVE", "a SHARE".
func (m lockMode) withArticle() string {
	if m == lockAccessExclusive || m == lockExclusive {
		return "an " + m.String()
	}
	return "a " + m.String()
}

// blocksWrites reports whether the mode conflicts with the ROW EXCLUSIVE
// lock every INSERT, UPDATE and DELETE takes: a statement waiting for it
// makes writes queue behind it.
func (m lockMode) blocksWrites() bool { return m >= lockShare }

// blocked says what a lock of the mode blocks, for messages.
func (m lockMode) blocked() string {
	if m == lockAccessExclusive {
		return "reads and writes"
	}
	if m.blocksWrites() {
		return "writes"
	}
	return "other schema changes"
}

// lockTaken is a lock a statement takes on a table that existed before
// the migration.
type lockTaken struct {
	key, name string
	mode      lockMode
	what      string // the statement, for messages: "ALTER TABLE"
}

// alterTableLock is the lock an ALTER TABLE subcommand takes on its table
// (PostgreSQL's AlterTableGetLockLevel).
func alterTableLock(cmd *pgsql.AlterTableCmd) lockMode {
	switch cmd.GetSubtype() {
	case pgsql.AlterTableType_AT_ValidateConstraint,
		pgsql.AlterTableType_AT_SetStatistics,
		pgsql.AlterTableType_AT_ClusterOn,
		pgsql.AlterTableType_AT_DropCluster,
		pgsql.AlterTableType_AT_SetRelOptions,
		pgsql.AlterTableType_AT_ResetRelOptions,
		pgsql.AlterTableType_AT_ReplaceRelOptions,
		pgsql.AlterTableType_AT_SetOptions,
		pgsql.AlterTableType_AT_ResetOptions,
		pgsql.AlterTableType_AT_AttachPartition:
		return lockShareUpdateExclusive
	case pgsql.AlterTableType_AT_DetachPartition:
		if cmd.GetDef().GetPartitionCmd().GetConcurrent() {
			return lockShareUpdateExclusive
		}
		return lockAccessExclusive
	case pgsql.AlterTableType_AT_EnableTrig, pgsql.AlterTableType_AT_EnableAlwaysTrig,
		pgsql.AlterTableType_AT_EnableReplicaTrig, pgsql.AlterTableType_AT_EnableTrigAll,
		pgsql.AlterTableType_AT_EnableTrigUser, pgsql.AlterTableType_AT_DisableTrig,
		pgsql.AlterTableType_AT_DisableTrigAll, pgsql.AlterTableType_AT_DisableTrigUser:
		return lockShareRowExclusive
	case pgsql.AlterTableType_AT_AddConstraint:
		if cmd.GetDef().GetConstraint().GetContype() == pgsql.ConstrType_CONSTR_FOREIGN {
			return lockShareRowExclusive
		}
	case pgsql.AlterTableType_AT_ChangeOwner, pgsql.AlterTableType_AT_GenericOptions:
		return lockAccessExclusive
	}
	return lockAccessExclusive
}
