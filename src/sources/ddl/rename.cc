// RENAME (tables, columns, constraints, indexes, sequences, views, types, schemas, functions, triggers,
// policies, roles) and SET SCHEMA. References are updated the way PostgreSQL's OID links keep them valid:
// indexes, foreign keys, triggers, policies, owned sequences, partitions and views follow the object.
#include <algorithm>

#include <fmt/format.h>

#include "sources/ddl/replay_internal.h"

namespace dbarch::sources::ddl {
namespace {

template <typename Map, typename Key>
bool Rekey(Map& map, const Key& from, const Key& to) {
  auto node = map.extract(from);
  if (node.empty()) return false;
  node.key() = to;
  map.insert(std::move(node));
  return true;
}

void ReplaceAll(std::vector<std::string>& names, const std::string& from, const std::string& to) {
  std::replace(names.begin(), names.end(), from, to);
}

std::string RenamedExpr(const std::string& expr, const std::string& from, const std::string& to) {
  return expr.empty() ? expr : RenameColumnInSql(expr, from, to);
}

void MoveIndex(ReplayContext& ctx, const model::QualifiedName& from, const model::QualifiedName& to) {
  auto& indexes = ctx.catalog->indexes;
  if (!indexes.Rename(from, to)) return;
  indexes.Modify(to, [&](model::Index& index) {
    // Renaming the index of a constraint renames the constraint (and vice versa) in PostgreSQL.
    if (!index.constraint_name.empty() && index.constraint_name != to.name) {
      if (model::Table* table = ctx.catalog->FindTable(index.table)) {
        for (auto& c : table->constraints) {
          if (c.name == index.constraint_name) c.name = to.name;
        }
      }
      index.constraint_name = to.name;
    }
  });
}

void MoveSequence(ReplayContext& ctx, const model::QualifiedName& from, const model::QualifiedName& to) {
  auto& sequences = ctx.catalog->sequences;
  if (!Rekey(sequences, from, to)) return;
  model::Sequence& seq = sequences.at(to);
  seq.name = to;
  // A serial column's default names its sequence; keep it pointing at the new name.
  if (seq.owned_by_table) {
    if (model::Table* table = ctx.catalog->FindTable(*seq.owned_by_table)) {
      if (model::Column* col = table->FindColumn(seq.owned_by_column); col && col->from_serial) {
        std::string regclass = to.schema == "public" ? model::QuoteIdent(to.name) : to.ToSql();
        col->default_expr = fmt::format("nextval('{}'::regclass)", regclass);
      }
    }
  }
}

void MoveView(ReplayContext& ctx, const model::QualifiedName& from, const model::QualifiedName& to) {
  auto& catalog = *ctx.catalog;
  if (!Rekey(catalog.views, from, to)) return;
  catalog.views.at(to).name = to;
  for (auto& [name, view] : catalog.views) std::replace(view.reads.begin(), view.reads.end(), from, to);
  for (const model::Index* index : catalog.IndexesOn(from)) {
    catalog.indexes.Modify(index->name, [&](model::Index& i) { i.table = to; });
  }
  for (auto& t : catalog.triggers) {
    if (t.table == from) t.table = to;
  }
}

// Renames a user type and every column typed with it.
void MoveType(ReplayContext& ctx, const model::QualifiedName& from, const model::QualifiedName& to) {
  auto& catalog = *ctx.catalog;
  if (Rekey(catalog.enums, from, to)) catalog.enums.at(to).name = to;
  else if (Rekey(catalog.domains, from, to)) catalog.domains.at(to).name = to;
  else return;
  std::string old_name = from.ToString();
  for (auto& [name, table] : catalog.tables) {
    for (auto& col : table.columns) {
      if (col.type.is_user_type && col.type.name == old_name) col.type.name = to.ToString();
    }
  }
  for (auto& [name, domain] : catalog.domains) {
    if (domain.base_type.is_user_type && domain.base_type.name == old_name) domain.base_type.name = to.ToString();
  }
}

void MoveFunction(ReplayContext& ctx, const std::string& key, const model::QualifiedName& to) {
  auto& functions = ctx.catalog->functions;
  auto node = functions.extract(key);
  if (node.empty()) {
    ctx.UnknownObject("function", key);
    return;
  }
  model::QualifiedName from = node.mapped().name;
  node.mapped().name = to;
  node.key() = to.schema + "." + node.mapped().Signature();
  functions.insert(std::move(node));
  for (auto& t : ctx.catalog->triggers) {
    if (t.function == from) t.function = to;
  }
}

// Moves whatever relation `from` names (table, view, sequence or index).
void MoveRelation(ReplayContext& ctx, const model::QualifiedName& from, const model::QualifiedName& to,
                  bool missing_ok) {
  auto& catalog = *ctx.catalog;
  if (from == to) return;
  if (RelationNameTaken(catalog, to)) {
    ctx.Warn("duplicate-object", fmt::format("relation {} already exists; rename ignored", to.ToString()));
    return;
  }
  if (catalog.tables.count(from)) MoveTable(ctx, from, to);
  else if (catalog.views.count(from)) MoveView(ctx, from, to);
  else if (catalog.sequences.count(from)) MoveSequence(ctx, from, to);
  else if (catalog.indexes.count(from)) MoveIndex(ctx, from, to);
  else if (!missing_ok) ctx.UnknownObject("relation", from.ToString());
}

void RenameSchema(ReplayContext& ctx, const std::string& from, const std::string& to) {
  auto& catalog = *ctx.catalog;
  if (!Rekey(catalog.schemas, from, to)) {
    ctx.UnknownObject("schema", from);
    return;
  }
  catalog.schemas.at(to).name = to;
  auto moved = [&](const model::QualifiedName& n) { return model::QualifiedName{to, n.name}; };
  std::vector<model::QualifiedName> names;
  for (const auto& [n, t] : catalog.tables) if (n.schema == from) names.push_back(n);
  for (const auto& n : names) MoveTable(ctx, n, moved(n));
  names.clear();
  for (const auto& [n, v] : catalog.views) if (n.schema == from) names.push_back(n);
  for (const auto& n : names) MoveView(ctx, n, moved(n));
  names.clear();
  for (const auto& [n, s] : catalog.sequences) if (n.schema == from) names.push_back(n);
  for (const auto& n : names) MoveSequence(ctx, n, moved(n));
  names.clear();
  for (const auto& [n, i] : catalog.indexes) if (n.schema == from) names.push_back(n);
  for (const auto& n : names) MoveIndex(ctx, n, moved(n));
  names.clear();
  for (const auto& [n, e] : catalog.enums) if (n.schema == from) names.push_back(n);
  for (const auto& [n, d] : catalog.domains) if (n.schema == from) names.push_back(n);
  for (const auto& n : names) MoveType(ctx, n, moved(n));
  std::vector<std::string> keys;
  for (const auto& [k, f] : catalog.functions) if (f.name.schema == from) keys.push_back(k);
  for (const auto& k : keys) MoveFunction(ctx, k, {to, catalog.functions.at(k).name.name});
}

// The qualified name of a relation written as a RangeVar, looked up across relation kinds.
model::QualifiedName RelationName(ReplayContext& ctx, const pg_query::RangeVar& rv) {
  model::QualifiedName name = ctx.ResolveRelation(rv);
  if (rv.schemaname().empty() && !RelationNameTaken(*ctx.catalog, name) &&
      RelationNameTaken(*ctx.catalog, {"public", rv.relname()})) {
    name.schema = "public";
  }
  return name;
}

}  // namespace

void MoveTable(ReplayContext& ctx, const model::QualifiedName& from, const model::QualifiedName& to) {
  auto& catalog = *ctx.catalog;
  if (!Rekey(catalog.tables, from, to)) return;
  catalog.tables.at(to).name = to;
  bool schema_changed = from.schema != to.schema;
  std::vector<model::QualifiedName> moved_indexes;
  for (const model::Index* index : catalog.IndexesOn(from)) {
    const model::QualifiedName name = index->name;
    catalog.indexes.Modify(name, [&](model::Index& i) { i.table = to; });
    if (schema_changed) moved_indexes.push_back(name);
  }
  for (const auto& n : moved_indexes) MoveIndex(ctx, n, {to.schema, n.name});
  std::vector<model::QualifiedName> moved_sequences;
  for (auto& [name, seq] : catalog.sequences) {
    if (seq.owned_by_table != from) continue;
    seq.owned_by_table = to;
    if (schema_changed) moved_sequences.push_back(name);
  }
  for (const auto& n : moved_sequences) MoveSequence(ctx, n, {to.schema, n.name});
  if (ctx.hints) ctx.hints->Renamed(from, to);
  for (model::Table* table : ctx.TablesReferencing(from)) {
    for (auto& c : table->constraints) {
      if (c.kind == model::ConstraintKind::kForeignKey && c.referenced_table == from) c.referenced_table = to;
    }
  }
  for (model::Table* table : ctx.ChildrenOf(from)) {
    if (table->partition_of == from) table->partition_of = to;
    std::replace(table->inherits.begin(), table->inherits.end(), from, to);
  }
  for (auto& [name, view] : catalog.views) std::replace(view.reads.begin(), view.reads.end(), from, to);
  for (auto& t : catalog.triggers) {
    if (t.table == from) t.table = to;
  }
  for (auto& p : catalog.policies) {
    if (p.table == from) p.table = to;
  }
  std::string old_key = from.ToString();
  for (auto& g : catalog.grants) {
    if (g.object_kind == "TABLE" && g.object == old_key) g.object = to.ToString();
  }
}

void RenameColumnEverywhere(ReplayContext& ctx, model::Table& table, const std::string& from, const std::string& to) {
  auto& catalog = *ctx.catalog;
  model::Column* col = table.FindColumn(from);
  if (!col) {
    ctx.UnknownObject("column", table.name.ToString() + "." + from);
    return;
  }
  if (table.FindColumn(to)) {
    ctx.Warn("duplicate-object", fmt::format("column {} of {} already exists; rename ignored", to,
                                             table.name.ToString()));
    return;
  }
  col->name = to;
  for (auto& other : table.columns) {
    if (other.generated_expr) other.generated_expr = RenamedExpr(*other.generated_expr, from, to);
  }
  ReplaceAll(table.partition_keys, from, to);
  for (auto& c : table.constraints) {
    ReplaceAll(c.columns, from, to);
    ReplaceAll(c.include_columns, from, to);
    c.check_expr = RenamedExpr(c.check_expr, from, to);
    c.where_predicate = RenamedExpr(c.where_predicate, from, to);
    for (auto& e : c.exclusion_elements) {
      e.column_or_expression = e.column_or_expression == from ? to : RenamedExpr(e.column_or_expression, from, to);
    }
  }
  for (const model::Index* on_table : catalog.IndexesOn(table.name)) {
    catalog.indexes.Modify(on_table->name, [&](model::Index& index) {
      for (auto& k : index.keys) {
        if (k.column == from) k.column = to;
        k.expression = RenamedExpr(k.expression, from, to);
      }
      ReplaceAll(index.include_columns, from, to);
      index.predicate = RenamedExpr(index.predicate, from, to);
    });
  }
  for (model::Table* other : ctx.TablesReferencing(table.name)) {
    for (auto& c : other->constraints) {
      if (c.kind == model::ConstraintKind::kForeignKey && c.referenced_table == table.name) {
        ReplaceAll(c.referenced_columns, from, to);
        if (ctx.hints) ctx.hints->NoteForeignKey(other->name, c);
      }
    }
  }
  if (!ctx.hints || ctx.hints->MayOwnSequence(from)) {
    for (auto& [name, seq] : catalog.sequences) {
      if (seq.owned_by_table == table.name && seq.owned_by_column == from) {
        seq.owned_by_column = to;
        if (ctx.hints) ctx.hints->sequence_owner_columns.insert(to);
      }
    }
  }
  for (auto& t : catalog.triggers) {
    if (t.table != table.name) continue;
    ReplaceAll(t.update_columns, from, to);
    t.when_expr = RenamedExpr(t.when_expr, from, to);
  }
  for (auto& p : catalog.policies) {
    if (p.table != table.name) continue;
    p.using_expr = RenamedExpr(p.using_expr, from, to);
    p.check_expr = RenamedExpr(p.check_expr, from, to);
  }
  // Partitions and inheritance children share the column.
  for (model::Table* child : ctx.ChildrenOf(table.name)) {
    if (child->FindColumn(from)) RenameColumnEverywhere(ctx, *child, from, to);
  }
}

void Rename(ReplayContext& ctx, const pg_query::RenameStmt& stmt) {
  auto& catalog = *ctx.catalog;
  switch (stmt.rename_type()) {
    case pg_query::OBJECT_TABLE:
    case pg_query::OBJECT_FOREIGN_TABLE:
    case pg_query::OBJECT_VIEW:
    case pg_query::OBJECT_MATVIEW:
    case pg_query::OBJECT_SEQUENCE:
    case pg_query::OBJECT_INDEX: {
      model::QualifiedName from = RelationName(ctx, stmt.relation());
      MoveRelation(ctx, from, {from.schema, stmt.newname()}, stmt.missing_ok());
      return;
    }
    case pg_query::OBJECT_COLUMN: {
      model::QualifiedName rel = RelationName(ctx, stmt.relation());
      if (auto v = catalog.views.find(rel); v != catalog.views.end()) {
        ReplaceAll(v->second.columns, stmt.subname(), stmt.newname());
        return;
      }
      model::Table* table = catalog.FindTable(rel);
      if (!table) {
        if (!stmt.missing_ok()) ctx.UnknownObject("table", rel.ToString());
        return;
      }
      RenameColumnEverywhere(ctx, *table, stmt.subname(), stmt.newname());
      return;
    }
    case pg_query::OBJECT_TABCONSTRAINT: {
      model::QualifiedName rel = RelationName(ctx, stmt.relation());
      model::Table* table = catalog.FindTable(rel);
      if (!table) {
        if (!stmt.missing_ok()) ctx.UnknownObject("table", rel.ToString());
        return;
      }
      model::Constraint* con = nullptr;
      for (auto& c : table->constraints) {
        if (c.name == stmt.subname()) con = &c;
      }
      if (!con) {
        ctx.UnknownObject("constraint", stmt.subname() + " on " + rel.ToString());
        return;
      }
      model::QualifiedName index_name{rel.schema, stmt.subname()};
      auto index = catalog.indexes.find(index_name);
      if (index != catalog.indexes.end() && index->second.constraint_name == stmt.subname()) {
        MoveIndex(ctx, index_name, {rel.schema, stmt.newname()});  // renames the constraint as well
      } else {
        con->name = stmt.newname();
      }
      return;
    }
    case pg_query::OBJECT_TYPE:
    case pg_query::OBJECT_DOMAIN: {
      auto parts = stmt.object().has_list() ? stmt.object().list().items() : sql::NodeList();
      model::QualifiedName from = ctx.Resolve(parts);
      if (!catalog.enums.count(from) && !catalog.domains.count(from)) {
        if (!stmt.missing_ok()) ctx.UnknownObject("type", from.ToString());
        return;
      }
      MoveType(ctx, from, {from.schema, stmt.newname()});
      return;
    }
    case pg_query::OBJECT_SCHEMA:
      RenameSchema(ctx, stmt.subname(), stmt.newname());
      return;
    case pg_query::OBJECT_FUNCTION:
    case pg_query::OBJECT_PROCEDURE:
    case pg_query::OBJECT_ROUTINE: {
      if (!stmt.object().has_object_with_args()) return;
      std::string key = FunctionKey(ctx, stmt.object().object_with_args());
      auto it = catalog.functions.find(key);
      if (it == catalog.functions.end()) {
        ctx.UnknownObject("function", key);
        return;
      }
      MoveFunction(ctx, key, {it->second.name.schema, stmt.newname()});
      return;
    }
    case pg_query::OBJECT_TRIGGER:
    case pg_query::OBJECT_POLICY: {
      model::QualifiedName rel = RelationName(ctx, stmt.relation());
      bool found = false;
      if (stmt.rename_type() == pg_query::OBJECT_TRIGGER) {
        for (auto& t : catalog.triggers) {
          if (t.table == rel && t.name == stmt.subname()) t.name = stmt.newname(), found = true;
        }
      } else {
        for (auto& p : catalog.policies) {
          if (p.table == rel && p.name == stmt.subname()) p.name = stmt.newname(), found = true;
        }
      }
      if (!found) ctx.UnknownObject(stmt.rename_type() == pg_query::OBJECT_TRIGGER ? "trigger" : "policy",
                                    stmt.subname() + " on " + rel.ToString());
      return;
    }
    case pg_query::OBJECT_ROLE: {
      if (!Rekey(catalog.roles, stmt.subname(), stmt.newname())) return;  // roles may exist outside the replay
      catalog.roles.at(stmt.newname()).name = stmt.newname();
      for (auto& [name, role] : catalog.roles) ReplaceAll(role.member_of, stmt.subname(), stmt.newname());
      for (auto& g : catalog.grants) {
        if (g.grantee == stmt.subname()) g.grantee = stmt.newname();
      }
      return;
    }
    default:
      return;  // objects the model does not hold
  }
}

void AlterObjectSchema(ReplayContext& ctx, const pg_query::AlterObjectSchemaStmt& stmt) {
  auto& catalog = *ctx.catalog;
  const std::string& schema = stmt.newschema();
  switch (stmt.object_type()) {
    case pg_query::OBJECT_TABLE:
    case pg_query::OBJECT_FOREIGN_TABLE:
    case pg_query::OBJECT_VIEW:
    case pg_query::OBJECT_MATVIEW:
    case pg_query::OBJECT_SEQUENCE: {
      model::QualifiedName from = RelationName(ctx, stmt.relation());
      MoveRelation(ctx, from, {schema, from.name}, stmt.missing_ok());
      return;
    }
    case pg_query::OBJECT_TYPE:
    case pg_query::OBJECT_DOMAIN: {
      auto parts = stmt.object().has_list() ? stmt.object().list().items() : sql::NodeList();
      model::QualifiedName from = ctx.Resolve(parts);
      if (!catalog.enums.count(from) && !catalog.domains.count(from)) {
        if (!stmt.missing_ok()) ctx.UnknownObject("type", from.ToString());
        return;
      }
      MoveType(ctx, from, {schema, from.name});
      return;
    }
    case pg_query::OBJECT_FUNCTION:
    case pg_query::OBJECT_PROCEDURE:
    case pg_query::OBJECT_ROUTINE: {
      if (!stmt.object().has_object_with_args()) return;
      std::string key = FunctionKey(ctx, stmt.object().object_with_args());
      auto it = catalog.functions.find(key);
      if (it == catalog.functions.end()) {
        ctx.UnknownObject("function", key);
        return;
      }
      MoveFunction(ctx, key, {schema, it->second.name.name});
      return;
    }
    case pg_query::OBJECT_EXTENSION: {
      std::string name = sql::StringValue(stmt.object());
      if (auto it = catalog.extensions.find(name); it != catalog.extensions.end()) it->second.schema = schema;
      return;
    }
    default:
      return;
  }
}

}  // namespace dbarch::sources::ddl
