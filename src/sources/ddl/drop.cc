// DROP of every object kind, with the dependent objects PostgreSQL removes along (always, or with
// CASCADE). Without CASCADE a drop that PostgreSQL would refuse is still applied, with a warning, so the
// rest of the replay sees the schema the author intended.
#include <algorithm>
#include <cctype>

#include <fmt/format.h>

#include "sources/ddl/replay_internal.h"

namespace dbarch::sources::ddl {
namespace {

template <typename Container, typename Pred>
void EraseIf(Container& c, Pred pred) {
  c.erase(std::remove_if(c.begin(), c.end(), pred), c.end());
}

template <typename Map, typename Pred>
void EraseIfMap(Map& m, Pred pred) {
  for (auto it = m.begin(); it != m.end();) {
    if (pred(it->second)) it = m.erase(it);
    else ++it;
  }
}

// A name written in DROP: qualified as written, else in the current schema (falling back to "public"
// when only that has it, like a search_path of "<schema>, public").
template <typename Map>
model::QualifiedName ResolveIn(ReplayContext& ctx, const std::vector<std::string>& parts, const Map& map) {
  if (parts.size() >= 2) return {parts[parts.size() - 2], parts.back()};
  model::QualifiedName name{*ctx.current_schema, parts.empty() ? "" : parts.back()};
  if (!map.count(name) && map.count(model::QualifiedName{"public", name.name})) name.schema = "public";
  return name;
}

std::vector<std::string> NamesOf(const pg_query::Node& object) {
  if (object.has_list()) return sql::StringList(object.list().items());
  if (object.has_type_name()) return sql::StringList(object.type_name().names());
  if (object.has_string()) return {object.string().sval()};
  return {};
}

void RemoveView(ReplayContext& ctx, const model::QualifiedName& name, bool cascade);

// Views that read `name`: dropped with CASCADE, otherwise reported.
void DropDependentViews(ReplayContext& ctx, const model::QualifiedName& name, bool cascade) {
  std::vector<model::QualifiedName> dependents;
  for (const auto& [view_name, view] : ctx.catalog->views) {
    if (view_name != name && std::find(view.reads.begin(), view.reads.end(), name) != view.reads.end()) {
      dependents.push_back(view_name);
    }
  }
  for (const auto& dep : dependents) {
    if (cascade) {
      RemoveView(ctx, dep, true);
    } else {
      ctx.Warn("dependent-objects", fmt::format("view {} depends on {}; PostgreSQL refuses this DROP without "
                                                "CASCADE (the view is kept)", dep.ToString(), name.ToString()));
    }
  }
}

void RemoveView(ReplayContext& ctx, const model::QualifiedName& name, bool cascade) {
  DropDependentViews(ctx, name, cascade);
  ctx.catalog->views.erase(name);
  for (const model::Index* index : ctx.catalog->IndexesOn(name)) ctx.catalog->indexes.erase(index->name);
  EraseIf(ctx.catalog->triggers, [&](const model::Trigger& t) { return t.table == name; });
  std::string key = name.ToString();
  EraseIf(ctx.catalog->grants, [&](const model::Grant& g) { return g.object_kind == "TABLE" && g.object == key; });
}

void RemoveIndex(ReplayContext& ctx, const model::QualifiedName& name) {
  auto it = ctx.catalog->indexes.find(name);
  if (!it->second.constraint_name.empty()) {
    // PostgreSQL refuses (the constraint needs it); drop the constraint too so the model stays consistent.
    ctx.Warn("dependent-objects", fmt::format("index {} backs constraint {}; PostgreSQL requires ALTER TABLE … "
                                              "DROP CONSTRAINT instead", name.ToString(), it->second.constraint_name));
    if (model::Table* table = ctx.catalog->FindTable(it->second.table)) {
      std::string constraint = it->second.constraint_name;
      if (RemoveConstraint(ctx, *table, constraint)) return;
    }
  }
  ctx.catalog->indexes.erase(name);
}

// Columns of any table typed with `type` (DROP TYPE/DOMAIN … CASCADE drops them).
void DropColumnsOfType(ReplayContext& ctx, const model::QualifiedName& type, bool cascade) {
  std::string type_name = type.ToString();
  for (auto& [table_name, table] : ctx.catalog->tables) {
    std::vector<std::string> doomed;
    for (const auto& col : table.columns) {
      if (col.type.is_user_type && col.type.name == type_name) doomed.push_back(col.name);
    }
    for (const auto& col : doomed) {
      if (cascade) {
        RemoveColumn(ctx, table, col, true);
      } else {
        ctx.Warn("dependent-objects", fmt::format("column {}.{} uses type {}; PostgreSQL refuses this DROP "
                                                  "without CASCADE (the column is kept)",
                                                  table_name.ToString(), col, type_name));
      }
    }
  }
}

void RemoveSchema(ReplayContext& ctx, const std::string& schema, bool cascade) {
  auto in_schema = [&](const model::QualifiedName& n) { return n.schema == schema; };
  auto& catalog = *ctx.catalog;
  bool empty = true;
  for (const auto& [n, t] : catalog.tables) empty = empty && !in_schema(n);
  for (const auto& [n, v] : catalog.views) empty = empty && !in_schema(n);
  if (!empty && !cascade) {
    ctx.Warn("dependent-objects", fmt::format("schema {} is not empty; PostgreSQL refuses DROP SCHEMA without "
                                              "CASCADE (applied anyway)", schema));
  }
  std::vector<model::QualifiedName> tables;
  for (const auto& [n, t] : catalog.tables) {
    if (in_schema(n)) tables.push_back(n);
  }
  for (const auto& n : tables) {
    if (catalog.tables.count(n)) RemoveTable(ctx, n, true);
  }
  std::vector<model::QualifiedName> views;
  for (const auto& [n, v] : catalog.views) {
    if (in_schema(n)) views.push_back(n);
  }
  for (const auto& n : views) {
    if (catalog.views.count(n)) RemoveView(ctx, n, true);
  }
  EraseIfMap(catalog.indexes, [&](const model::Index& i) { return in_schema(i.name); });
  EraseIfMap(catalog.sequences, [&](const model::Sequence& s) { return in_schema(s.name); });
  EraseIfMap(catalog.enums, [&](const model::EnumType& e) { return in_schema(e.name); });
  EraseIfMap(catalog.domains, [&](const model::Domain& d) { return in_schema(d.name); });
  EraseIfMap(catalog.functions, [&](const model::Function& f) { return in_schema(f.name); });
  EraseIf(catalog.grants, [&](const model::Grant& g) {
    return g.object == schema || g.object.rfind(schema + ".", 0) == 0;
  });
  catalog.schemas.erase(schema);
}

}  // namespace

void RemoveTable(ReplayContext& ctx, const model::QualifiedName& name, bool cascade) {
  auto& catalog = *ctx.catalog;
  // Partitions go with their parent; inheritance children only with CASCADE.
  std::vector<model::QualifiedName> partitions;
  for (model::Table* child_table : ctx.ChildrenOf(name)) {
    model::Table& child = *child_table;
    const model::QualifiedName& child_name = child.name;
    if (child.partition_of == name) {
      partitions.push_back(child_name);
    } else if (std::find(child.inherits.begin(), child.inherits.end(), name) != child.inherits.end()) {
      if (cascade) {
        partitions.push_back(child_name);
      } else {
        ctx.Warn("dependent-objects", fmt::format("table {} inherits from {}; PostgreSQL refuses this DROP "
                                                  "without CASCADE", child_name.ToString(), name.ToString()));
        EraseIf(child.inherits, [&](const model::QualifiedName& p) { return p == name; });
      }
    }
  }
  for (const auto& p : partitions) {
    if (catalog.tables.count(p)) RemoveTable(ctx, p, cascade);
  }
  for (model::Table* referencing : ctx.TablesReferencing(name)) {
    model::Table& other = *referencing;
    const model::QualifiedName& other_name = other.name;
    if (other_name == name) continue;
    std::vector<std::string> fks;
    for (const auto& c : other.constraints) {
      if (c.kind == model::ConstraintKind::kForeignKey && c.referenced_table == name) fks.push_back(c.name);
    }
    for (const auto& fk : fks) {
      if (!cascade) {
        ctx.Warn("dependent-objects", fmt::format("foreign key {} on {} references {}; PostgreSQL refuses this "
                                                  "DROP without CASCADE (the foreign key is dropped too)",
                                                  fk, other_name.ToString(), name.ToString()));
      }
      RemoveConstraint(ctx, other, fk);
    }
  }
  DropDependentViews(ctx, name, cascade);
  for (const model::Index* index : catalog.IndexesOn(name)) catalog.indexes.erase(index->name);
  EraseIfMap(catalog.sequences, [&](const model::Sequence& s) { return s.owned_by_table == name; });
  EraseIf(catalog.triggers, [&](const model::Trigger& t) { return t.table == name; });
  EraseIf(catalog.policies, [&](const model::Policy& p) { return p.table == name; });
  std::string key = name.ToString();
  EraseIf(catalog.grants, [&](const model::Grant& g) { return g.object_kind == "TABLE" && g.object == key; });
  catalog.tables.erase(name);
}

void RemoveColumn(ReplayContext& ctx, model::Table& table, const std::string& column, bool cascade) {
  auto& catalog = *ctx.catalog;
  auto uses = [&](const std::vector<std::string>& cols) {
    return std::find(cols.begin(), cols.end(), column) != cols.end();
  };
  // An expression whose text does not contain the name cannot use the column; only the others are re-parsed
  // (re-parsing every CHECK and index expression made a corpus's DROP COLUMNs a tenth of its lint time).
  // A deparsed expression writes a name as is, or quoted with its own quotes doubled (compared ignoring case).
  auto uses_in_sql = [&](const std::string& sql) {
    auto same = [](char a, char b) { return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b)); };
    if (column.find('"') == std::string::npos &&
        std::search(sql.begin(), sql.end(), column.begin(), column.end(), same) == sql.end()) {
      return false;
    }
    return uses(ColumnsReferencedInSql(sql));
  };
  // Constraints of the table that involve the column (checks are re-parsed to see their columns).
  std::vector<std::string> doomed;
  for (const auto& c : table.constraints) {
    bool hit = uses(c.columns) || uses(c.include_columns);
    if (c.kind == model::ConstraintKind::kCheck) hit = uses_in_sql(c.check_expr);
    if (hit) doomed.push_back(c.name);
  }
  for (const auto& name : doomed) RemoveConstraint(ctx, table, name);
  // Foreign keys of other tables pointing at the column.
  const bool may_be_referenced = !ctx.hints || ctx.hints->MayBeReferenced(table.name, column);
  for (model::Table* referencing : may_be_referenced ? ctx.TablesReferencing(table.name) : std::vector<model::Table*>{}) {
    model::Table& other = *referencing;
    const model::QualifiedName& other_name = other.name;
    std::vector<std::string> fks;
    for (const auto& c : other.constraints) {
      if (c.kind == model::ConstraintKind::kForeignKey && c.referenced_table == table.name && uses(c.referenced_columns)) {
        fks.push_back(c.name);
      }
    }
    for (const auto& fk : fks) {
      if (!cascade) {
        ctx.Warn("dependent-objects", fmt::format("foreign key {} on {} references column {}; PostgreSQL refuses "
                                                  "this DROP without CASCADE (the foreign key is dropped too)",
                                                  fk, other_name.ToString(), column));
      }
      RemoveConstraint(ctx, other, fk);
    }
  }
  auto index_uses_column = [&](const model::Index& i) {
    if (uses(i.include_columns)) return true;
    if (!i.predicate.empty() && uses_in_sql(i.predicate)) return true;
    for (const auto& k : i.keys) {
      if (k.column == column) return true;
      if (!k.expression.empty() && uses_in_sql(k.expression)) return true;
    }
    return false;
  };
  for (const model::Index* index : catalog.IndexesOn(table.name)) {
    if (index_uses_column(*index)) catalog.indexes.erase(index->name);
  }
  if (!ctx.hints || ctx.hints->MayOwnSequence(column)) {
    EraseIfMap(catalog.sequences, [&](const model::Sequence& s) {
      return s.owned_by_column == column && s.owned_by_table == table.name;  // the column name differs most often
    });
  }
  EraseIf(table.columns, [&](const model::Column& c) { return c.name == column; });
  // The column goes from partitions and inheritance children too.
  for (model::Table* child : ctx.ChildrenOf(table.name)) {
    if (child->FindColumn(column)) RemoveColumn(ctx, *child, column, cascade);
  }
}

void Drop(ReplayContext& ctx, const pg_query::DropStmt& stmt) {
  auto& catalog = *ctx.catalog;
  bool cascade = stmt.behavior() == pg_query::DROP_CASCADE;
  auto missing = [&](std::string_view kind, const std::string& name) {
    if (!stmt.missing_ok()) ctx.UnknownObject(kind, name);
  };
  for (const auto& object : stmt.objects()) {
    std::vector<std::string> parts = NamesOf(object);
    switch (stmt.remove_type()) {
      case pg_query::OBJECT_TABLE:
      case pg_query::OBJECT_FOREIGN_TABLE: {
        auto name = ResolveIn(ctx, parts, catalog.tables);
        if (catalog.tables.count(name)) RemoveTable(ctx, name, cascade);
        else missing("table", name.ToString());
        break;
      }
      case pg_query::OBJECT_VIEW:
      case pg_query::OBJECT_MATVIEW: {
        auto name = ResolveIn(ctx, parts, catalog.views);
        if (catalog.views.count(name)) RemoveView(ctx, name, cascade);
        else missing(stmt.remove_type() == pg_query::OBJECT_VIEW ? "view" : "materialized view", name.ToString());
        break;
      }
      case pg_query::OBJECT_INDEX: {
        auto name = ResolveIn(ctx, parts, catalog.indexes);
        if (catalog.indexes.count(name)) RemoveIndex(ctx, name);
        else missing("index", name.ToString());
        break;
      }
      case pg_query::OBJECT_SEQUENCE: {
        auto name = ResolveIn(ctx, parts, catalog.sequences);
        if (!catalog.sequences.erase(name)) missing("sequence", name.ToString());
        break;
      }
      case pg_query::OBJECT_TYPE:
      case pg_query::OBJECT_DOMAIN: {
        auto name = stmt.remove_type() == pg_query::OBJECT_TYPE ? ResolveIn(ctx, parts, catalog.enums)
                                                                 : ResolveIn(ctx, parts, catalog.domains);
        if (catalog.enums.count(name) || catalog.domains.count(name)) {
          DropColumnsOfType(ctx, name, cascade);
          catalog.enums.erase(name);
          catalog.domains.erase(name);
        } else {
          missing("type", name.ToString());
        }
        break;
      }
      case pg_query::OBJECT_FUNCTION:
      case pg_query::OBJECT_PROCEDURE:
      case pg_query::OBJECT_ROUTINE:
      case pg_query::OBJECT_AGGREGATE: {
        if (!object.has_object_with_args()) break;
        std::string key = FunctionKey(ctx, object.object_with_args());
        auto it = catalog.functions.find(key);
        if (it == catalog.functions.end()) {
          if (stmt.remove_type() != pg_query::OBJECT_AGGREGATE) missing("function", key);
          break;
        }
        model::QualifiedName fname = it->second.name;
        bool used = std::any_of(catalog.triggers.begin(), catalog.triggers.end(),
                                [&](const model::Trigger& t) { return t.function == fname; });
        if (used && !cascade) {
          ctx.Warn("dependent-objects", fmt::format("triggers use {}; PostgreSQL refuses this DROP without CASCADE "
                                                    "(the triggers are kept)", key));
        } else if (used) {
          EraseIf(catalog.triggers, [&](const model::Trigger& t) { return t.function == fname; });
        }
        catalog.functions.erase(it);
        break;
      }
      case pg_query::OBJECT_TRIGGER:
      case pg_query::OBJECT_POLICY: {
        if (parts.size() < 2) break;
        std::string object_name = parts.back();
        parts.pop_back();
        auto table = ResolveIn(ctx, parts, catalog.tables);
        bool found = false;
        if (stmt.remove_type() == pg_query::OBJECT_TRIGGER) {
          auto before = catalog.triggers.size();
          EraseIf(catalog.triggers, [&](const model::Trigger& t) { return t.name == object_name && t.table == table; });
          found = catalog.triggers.size() != before;
        } else {
          auto before = catalog.policies.size();
          EraseIf(catalog.policies, [&](const model::Policy& p) { return p.name == object_name && p.table == table; });
          found = catalog.policies.size() != before;
        }
        if (!found) {
          missing(stmt.remove_type() == pg_query::OBJECT_TRIGGER ? "trigger" : "policy",
                  object_name + " on " + table.ToString());
        }
        break;
      }
      case pg_query::OBJECT_SCHEMA: {
        std::string name = parts.empty() ? "" : parts[0];
        if (catalog.schemas.count(name)) RemoveSchema(ctx, name, cascade);
        else missing("schema", name);
        break;
      }
      case pg_query::OBJECT_EXTENSION: {
        std::string name = parts.empty() ? "" : parts[0];
        if (!catalog.extensions.erase(name)) missing("extension", name);
        break;
      }
      default:
        break;  // objects the model does not hold (rules, operators, casts, …)
    }
  }
}

void DropRoles(ReplayContext& ctx, const pg_query::DropRoleStmt& stmt) {
  for (const auto& name : RoleNames(stmt.roles())) {
    if (!ctx.catalog->roles.erase(name)) {
      if (!stmt.missing_ok()) ctx.UnknownObject("role", name);
      continue;
    }
    for (auto& [other_name, role] : ctx.catalog->roles) {
      EraseIf(role.member_of, [&](const std::string& g) { return g == name; });
    }
  }
}

}  // namespace dbarch::sources::ddl
