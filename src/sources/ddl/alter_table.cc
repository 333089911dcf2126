// ALTER TABLE and its sub-commands. Sub-commands that cannot change the model (OWNER TO, SET
// STATISTICS, storage parameters, ENABLE/DISABLE TRIGGER, CLUSTER ON, …) are accepted silently.
#include <algorithm>

#include <fmt/format.h>

#include "sources/ddl/replay_internal.h"

namespace dbarch::sources::ddl {
namespace {

model::Column* FindColumn(ReplayContext& ctx, model::Table& table, const std::string& name, bool missing_ok = false) {
  model::Column* col = table.FindColumn(name);
  if (!col && !missing_ok) ctx.UnknownObject("column", table.name.ToString() + "." + name);
  return col;
}

// Applies `change` to the column in the table and, recursively, in its partitions/children.
template <typename Change>
void ForColumnTree(ReplayContext& ctx, model::Table& table, const std::string& column, Change change) {
  if (model::Column* col = table.FindColumn(column)) change(*col);
  for (model::Table* child : ctx.ChildrenOf(table.name)) ForColumnTree(ctx, *child, column, change);
}

void AddColumnCmd(ReplayContext& ctx, model::Table& table, const pg_query::AlterTableCmd& cmd) {
  const auto& def = cmd.def().column_def();
  if (table.FindColumn(def.colname())) {
    if (!cmd.missing_ok()) {  // missing_ok is ADD COLUMN IF NOT EXISTS
      ctx.Warn("duplicate-object", fmt::format("column {} of {} already exists", def.colname(), table.name.ToString()));
    }
    return;
  }
  std::vector<PendingConstraint> pending;
  AddColumn(ctx, table, def, &pending);
  ApplyPendingConstraints(ctx, table, &pending);
  const model::Column* added = table.FindColumn(def.colname());
  if (!added) return;
  for (model::Table* child : ctx.ChildrenOf(table.name)) {
    if (child->FindColumn(added->name)) continue;
    model::Column copy = *added;
    copy.identity = model::IdentityKind::kNone;
    copy.from_serial = false;
    child->columns.push_back(std::move(copy));
  }
}

void DropConstraintCmd(ReplayContext& ctx, model::Table& table, const pg_query::AlterTableCmd& cmd) {
  const model::Constraint* con = table.FindConstraint(cmd.name());
  if (!con) {
    if (!cmd.missing_ok()) ctx.UnknownObject("constraint", cmd.name() + " on " + table.name.ToString());
    return;
  }
  if (con->kind == model::ConstraintKind::kPrimaryKey || con->kind == model::ConstraintKind::kUnique) {
    // Foreign keys that rely on this key go with it (PostgreSQL requires CASCADE for that).
    std::vector<std::string> key_columns = con->columns;
    bool cascade = cmd.behavior() == pg_query::DROP_CASCADE;
    for (model::Table* referencing : ctx.TablesReferencing(table.name)) {
      model::Table& other = *referencing;
      const model::QualifiedName& other_name = other.name;
      std::vector<std::string> fks;
      for (const auto& c : other.constraints) {
        if (c.kind == model::ConstraintKind::kForeignKey && c.referenced_table == table.name &&
            c.referenced_columns == key_columns) {
          fks.push_back(c.name);
        }
      }
      for (const auto& fk : fks) {
        if (!cascade) {
          ctx.Warn("dependent-objects", fmt::format("foreign key {} on {} depends on {}; PostgreSQL refuses this "
                                                    "DROP without CASCADE (the foreign key is dropped too)",
                                                    fk, other_name.ToString(), cmd.name()));
        }
        RemoveConstraint(ctx, other, fk);
      }
    }
  }
  RemoveConstraint(ctx, table, cmd.name());
}

void SetIdentityCmd(ReplayContext& ctx, model::Table& table, const pg_query::AlterTableCmd& cmd) {
  model::Column* col = FindColumn(ctx, table, cmd.name());
  if (!col) return;
  sql::NodeList sequence_options;
  for (const auto& node : cmd.def().list().items()) {
    if (!node.has_def_elem()) continue;
    const auto& def = node.def_elem();
    if (def.defname() == "generated") {
      int kind = def.arg().has_integer() ? def.arg().integer().ival() : 0;
      col->identity = kind == 'a' ? model::IdentityKind::kAlways : model::IdentityKind::kByDefault;
    } else {
      *sequence_options.Add() = node;
    }
  }
  for (auto& [name, seq] : ctx.catalog->sequences) {
    if (seq.owned_by_table == table.name && seq.owned_by_column == col->name) {
      ApplySequenceOptions(ctx, seq, sequence_options);
    }
  }
}

void AttachPartition(ReplayContext& ctx, model::Table& parent, const pg_query::PartitionCmd& part, bool attach) {
  model::QualifiedName child_name = ctx.ResolveRelation(part.name());
  model::Table* child = ctx.FindTable(child_name);
  if (!child) return;
  if (!attach) {
    child->partition_of.reset();
    child->partition_bound.clear();
    return;
  }
  child->partition_of = parent.name;
  if (ctx.hints) ctx.hints->Note(*child);
  // Reuse CREATE TABLE's rendering of bounds through a throwaway statement would be heavier; the bound
  // kinds are few, so render them here.
  const auto& bound = part.bound();
  auto list = [](const sql::NodeList& datums) {
    std::string out;
    for (const auto& d : datums) out += (out.empty() ? "" : ", ") + sql::DeparseExpr(d);
    return out;
  };
  if (bound.is_default()) child->partition_bound = "DEFAULT";
  else if (bound.listdatums_size() > 0) child->partition_bound = "FOR VALUES IN (" + list(bound.listdatums()) + ")";
  else if (bound.modulus() > 0)
    child->partition_bound = fmt::format("FOR VALUES WITH (MODULUS {}, REMAINDER {})", bound.modulus(), bound.remainder());
  else
    child->partition_bound = "FOR VALUES FROM (" + list(bound.lowerdatums()) + ") TO (" + list(bound.upperdatums()) + ")";
}

void ApplyCommand(ReplayContext& ctx, model::Table& table, const pg_query::AlterTableCmd& cmd) {
  switch (cmd.subtype()) {
    case pg_query::AT_AddColumn:
    case pg_query::AT_AddColumnRecurse:
      if (cmd.def().has_column_def()) AddColumnCmd(ctx, table, cmd);
      return;
    case pg_query::AT_ColumnDefault: {
      if (!FindColumn(ctx, table, cmd.name())) return;
      std::optional<std::string> value;
      if (cmd.has_def()) value = sql::DeparseExpr(cmd.def());
      table.FindColumn(cmd.name())->default_expr = value;
      return;
    }
    case pg_query::AT_DropNotNull:
    case pg_query::AT_SetNotNull: {
      if (!FindColumn(ctx, table, cmd.name())) return;
      bool not_null = cmd.subtype() == pg_query::AT_SetNotNull;
      ForColumnTree(ctx, table, cmd.name(), [&](model::Column& c) { c.not_null = not_null; });
      return;
    }
    case pg_query::AT_DropExpression:
      if (model::Column* col = FindColumn(ctx, table, cmd.name(), cmd.missing_ok())) col->generated_expr.reset();
      return;
    case pg_query::AT_DropColumn:
    case pg_query::AT_DropColumnRecurse:
      if (FindColumn(ctx, table, cmd.name(), cmd.missing_ok())) {
        RemoveColumn(ctx, table, cmd.name(), cmd.behavior() == pg_query::DROP_CASCADE);
      }
      return;
    case pg_query::AT_AddConstraint:
    case pg_query::AT_AddConstraintRecurse:
    case pg_query::AT_AddIndexConstraint:
      if (cmd.def().has_constraint()) AddConstraint(ctx, table, cmd.def().constraint());
      return;
    case pg_query::AT_AlterConstraint: {
      const auto& con = cmd.def().constraint();
      for (auto& c : table.constraints) {
        if (c.name != con.conname()) continue;
        c.deferrable = con.deferrable();
        c.initially_deferred = con.initdeferred();
        return;
      }
      ctx.UnknownObject("constraint", con.conname() + " on " + table.name.ToString());
      return;
    }
    case pg_query::AT_ValidateConstraint:
    case pg_query::AT_ValidateConstraintRecurse:
      for (auto& c : table.constraints) {
        if (c.name == cmd.name()) {
          c.not_valid = false;
          return;
        }
      }
      ctx.UnknownObject("constraint", cmd.name() + " on " + table.name.ToString());
      return;
    case pg_query::AT_DropConstraint:
    case pg_query::AT_DropConstraintRecurse:
      DropConstraintCmd(ctx, table, cmd);
      return;
    case pg_query::AT_AlterColumnType: {
      if (!FindColumn(ctx, table, cmd.name())) return;
      model::TypeName type = ResolveType(ctx, cmd.def().column_def().type_name());
      std::string collation;
      if (cmd.def().column_def().has_coll_clause()) collation = sql::JoinNames(cmd.def().column_def().coll_clause().collname());
      ForColumnTree(ctx, table, cmd.name(), [&](model::Column& c) {
        c.type = type;
        if (!collation.empty()) c.collation = collation;
      });
      return;
    }
    case pg_query::AT_SetLogged: table.unlogged = false; return;
    case pg_query::AT_SetUnLogged: table.unlogged = true; return;
    case pg_query::AT_AddInherit: {
      model::QualifiedName parent = ctx.ResolveRelation(cmd.def().range_var());
      if (std::find(table.inherits.begin(), table.inherits.end(), parent) == table.inherits.end()) {
        table.inherits.push_back(parent);
        if (ctx.hints) ctx.hints->children_of[parent].insert(table.name);
      }
      return;
    }
    case pg_query::AT_DropInherit: {
      model::QualifiedName parent = ctx.ResolveRelation(cmd.def().range_var());
      table.inherits.erase(std::remove(table.inherits.begin(), table.inherits.end(), parent), table.inherits.end());
      return;
    }
    case pg_query::AT_EnableRowSecurity: table.rls_enabled = true; return;
    case pg_query::AT_DisableRowSecurity: table.rls_enabled = false; return;
    case pg_query::AT_ForceRowSecurity: table.rls_forced = true; return;
    case pg_query::AT_NoForceRowSecurity: table.rls_forced = false; return;
    case pg_query::AT_AttachPartition:
      AttachPartition(ctx, table, cmd.def().partition_cmd(), true);
      return;
    case pg_query::AT_DetachPartition:
    case pg_query::AT_DetachPartitionFinalize:
      AttachPartition(ctx, table, cmd.def().partition_cmd(), false);
      return;
    case pg_query::AT_AddIdentity: {
      model::Column* col = FindColumn(ctx, table, cmd.name());
      if (col && cmd.def().has_constraint()) SetIdentity(ctx, table, *col, cmd.def().constraint());
      return;
    }
    case pg_query::AT_SetIdentity:
      SetIdentityCmd(ctx, table, cmd);
      return;
    case pg_query::AT_DropIdentity: {
      model::Column* col = FindColumn(ctx, table, cmd.name(), cmd.missing_ok());
      if (!col) return;
      col->identity = model::IdentityKind::kNone;
      for (auto it = ctx.catalog->sequences.begin(); it != ctx.catalog->sequences.end();) {
        bool owned = it->second.owned_by_table == table.name && it->second.owned_by_column == col->name;
        it = owned ? ctx.catalog->sequences.erase(it) : std::next(it);
      }
      return;
    }
    default:
      return;  // owner, storage, statistics, triggers enable/disable, clustering, replica identity, …
  }
}

}  // namespace

void AlterTable(ReplayContext& ctx, const pg_query::AlterTableStmt& stmt) {
  model::QualifiedName name = ctx.ResolveRelation(stmt.relation());
  if (stmt.objtype() != pg_query::OBJECT_TABLE && stmt.objtype() != pg_query::OBJECT_FOREIGN_TABLE) {
    // ALTER INDEX/VIEW/SEQUENCE … expressed as ALTER TABLE commands: OWNER TO, SET (…), ATTACH PARTITION of
    // an index — nothing the model holds.
    return;
  }
  model::Table* table = ctx.catalog->FindTable(name);
  if (!table) {
    // ALTER TABLE on a view (allowed by PostgreSQL for OWNER TO and friends) changes nothing we hold.
    if (!stmt.missing_ok() && !ctx.catalog->views.count(name) && !ctx.catalog->sequences.count(name)) {
      ctx.UnknownObject("table", name.ToString());
    }
    return;
  }
  for (const auto& node : stmt.cmds()) {
    if (node.has_alter_table_cmd()) ApplyCommand(ctx, *table, node.alter_table_cmd());
  }
}

}  // namespace dbarch::sources::ddl
