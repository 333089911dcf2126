// Table and column constraints: PRIMARY KEY, UNIQUE, FOREIGN KEY, CHECK, EXCLUDE (with PostgreSQL's
// default names and the index PostgreSQL builds behind PK/UNIQUE/EXCLUDE), and the column-level pseudo
// constraints NOT NULL / DEFAULT / identity / GENERATED.
#include <pg_query.h>

#include <algorithm>
#include <cctype>
#include <string_view>

#include <fmt/format.h>

#include "sources/ddl/replay_internal.h"

namespace dbarch::sources::ddl {
namespace {

std::string JoinUnderscore(const std::vector<std::string>& parts) {
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : "_") + p;
  return out;
}

model::ReferentialAction ActionOf(const std::string& code) {
  if (code == "r") return model::ReferentialAction::kRestrict;
  if (code == "c") return model::ReferentialAction::kCascade;
  if (code == "n") return model::ReferentialAction::kSetNull;
  if (code == "d") return model::ReferentialAction::kSetDefault;
  return model::ReferentialAction::kNoAction;
}

// Whether `ON DELETE` was written for the foreign key starting at `offset` in the statement. The parse
// tree cannot tell (an omitted action and NO ACTION look the same), so read PostgreSQL's token stream for
// the constraint: from its start up to the end of the table element (a ',' or ')' at its nesting level)
// or the next REFERENCES clause.
bool OnDeleteWritten(const std::string& statement_text, int offset) {
  if (offset < 0) return false;
  // Without the word "delete" after the constraint's start there is nothing to find (most statements).
  static constexpr std::string_view kDelete = "delete";
  auto same = [](char a, char b) { return std::tolower(static_cast<unsigned char>(a)) == b; };
  if (std::search(statement_text.begin() + std::min<size_t>(static_cast<size_t>(offset), statement_text.size()),
                  statement_text.end(), kDelete.begin(), kDelete.end(), same) == statement_text.end())
    return false;
  PgQueryScanResult scan = pg_query_scan(statement_text.c_str());
  pg_query::ScanResult tokens;
  bool ok = !scan.error && tokens.ParseFromArray(scan.pbuf.data, static_cast<int>(scan.pbuf.len));
  pg_query_free_scan_result(scan);
  if (!ok) return false;
  int depth = 0;
  bool seen_references = false;
  const auto& list = tokens.tokens();
  for (int i = 0; i < list.size(); ++i) {
    const auto& tok = list[i];
    if (tok.start() < offset) continue;
    switch (tok.token()) {
      case pg_query::ASCII_40: ++depth; break;
      case pg_query::ASCII_41:
        if (--depth < 0) return false;
        break;
      case pg_query::ASCII_44:
        if (depth == 0) return false;
        break;
      case pg_query::REFERENCES:
        if (seen_references) return false;
        seen_references = true;
        break;
      case pg_query::ON:
        if (depth == 0 && i + 1 < list.size() && list[i + 1].token() == pg_query::DELETE_P) return true;
        break;
      default: break;
    }
  }
  return false;
}

std::vector<std::string> KeyColumns(const pg_query::Constraint& con, const std::string& column) {
  if (con.keys_size() == 0 && !column.empty()) return {column};
  return sql::StringList(con.keys());
}

void AddBackingIndex(ReplayContext& ctx, const model::Table& table, const model::Constraint& c) {
  model::Index index;
  index.name = {table.name.schema, c.name};
  index.table = table.name;
  index.primary = c.kind == model::ConstraintKind::kPrimaryKey;
  index.unique = c.kind != model::ConstraintKind::kExclude;
  index.constraint_name = c.name;
  index.include_columns = c.include_columns;
  index.nulls_not_distinct = c.nulls_not_distinct;
  index.location = c.location;
  if (c.kind == model::ConstraintKind::kExclude) {
    index.method = c.exclusion_method;
    index.predicate = c.where_predicate;
    for (const auto& e : c.exclusion_elements) {
      model::IndexKey key;
      if (std::find(c.columns.begin(), c.columns.end(), e.column_or_expression) != c.columns.end()) {
        key.column = e.column_or_expression;
      } else {
        key.expression = e.column_or_expression;
      }
      index.keys.push_back(std::move(key));
    }
  } else {
    for (const auto& col : c.columns) index.keys.push_back({.column = col});
  }
  if (RelationNameTaken(*ctx.catalog, index.name)) {
    ctx.Warn("duplicate-object", fmt::format("relation {} already exists; the index behind constraint {} "
                                             "was not recorded", index.name.ToString(), c.name));
  }
  ctx.catalog->indexes.emplace(index.name, std::move(index));
}

// ADD CONSTRAINT … PRIMARY KEY/UNIQUE USING INDEX: the existing index becomes the constraint's and is
// renamed to the constraint name, as PostgreSQL does.
bool AdoptIndex(ReplayContext& ctx, model::Table& table, model::Constraint& c, const std::string& index_name) {
  model::QualifiedName key{table.name.schema, index_name};
  auto it = ctx.catalog->indexes.find(key);
  if (it == ctx.catalog->indexes.end()) {
    ctx.UnknownObject("index", key.ToString());
    return false;
  }
  model::Index index = std::move(it->second);
  ctx.catalog->indexes.erase(it);
  if (c.name.empty()) c.name = index_name;
  c.using_index = index_name;
  c.columns.clear();
  for (const auto& k : index.keys) c.columns.push_back(k.column.empty() ? k.expression : k.column);
  c.include_columns = index.include_columns;
  c.nulls_not_distinct = index.nulls_not_distinct;
  index.name.name = c.name;
  index.constraint_name = c.name;
  index.unique = true;
  index.primary = c.kind == model::ConstraintKind::kPrimaryKey;
  ctx.catalog->indexes.emplace(index.name, std::move(index));
  return true;
}

model::Sequence& AddIdentitySequence(ReplayContext& ctx, model::Table& table, model::Column& column,
                                     const sql::NodeList& options) {
  model::Sequence seq;
  seq.name = {table.name.schema, ""};
  seq.data_type = column.type.name;
  // SEQUENCE NAME is an identity-only option; the rest are ordinary sequence options.
  sql::NodeList rest;
  for (const auto& opt : options) {
    if (opt.has_def_elem() && opt.def_elem().defname() == "sequence_name") {
      seq.name = sql::NameOf(opt.def_elem().arg().list().items(), table.name.schema);
    } else {
      *rest.Add() = opt;
    }
  }
  if (seq.name.name.empty()) {
    seq.name.name = ChooseRelationName(*ctx.catalog, table.name.schema, table.name.name, column.name, "seq");
  }
  ApplySequenceOptions(ctx, seq, rest);
  seq.owned_by_table = table.name;
  seq.owned_by_column = column.name;
  if (ctx.hints) ctx.hints->sequence_owner_columns.insert(column.name);
  seq.location = ctx.Where();
  auto& stored = ctx.catalog->sequences[seq.name];
  stored = std::move(seq);
  return stored;
}

}  // namespace

std::vector<std::string> PrimaryKeyColumns(const model::Catalog& catalog, const model::QualifiedName& table) {
  const model::Table* t = catalog.FindTable(table);
  const model::Constraint* pk = t ? t->PrimaryKey() : nullptr;
  return pk ? pk->columns : std::vector<std::string>{};
}

void SetIdentity(ReplayContext& ctx, model::Table& table, model::Column& column, const pg_query::Constraint& con) {
  column.identity = con.generated_when() == "a" ? model::IdentityKind::kAlways : model::IdentityKind::kByDefault;
  column.not_null = true;
  AddIdentitySequence(ctx, table, column, con.options());
}

void AddConstraint(ReplayContext& ctx, model::Table& table, const pg_query::Constraint& con,
                   const std::string& column) {
  model::Column* col = column.empty() ? nullptr : table.FindColumn(column);
  switch (con.contype()) {
    case pg_query::CONSTR_NOTNULL:
      if (col) col->not_null = true;
      return;
    case pg_query::CONSTR_NULL:
      if (col) col->not_null = false;
      return;
    case pg_query::CONSTR_DEFAULT:
      if (col) col->default_expr = sql::DeparseExpr(con.raw_expr());
      return;
    case pg_query::CONSTR_IDENTITY:
      if (col) SetIdentity(ctx, table, *col, con);
      return;
    case pg_query::CONSTR_GENERATED:
      if (col) col->generated_expr = sql::DeparseExpr(con.raw_expr());
      return;
    case pg_query::CONSTR_ATTR_DEFERRABLE:
    case pg_query::CONSTR_ATTR_NOT_DEFERRABLE:
    case pg_query::CONSTR_ATTR_DEFERRED:
    case pg_query::CONSTR_ATTR_IMMEDIATE:
      return;  // folded into the preceding constraint by the caller
    default: break;
  }

  model::Constraint c;
  c.name = con.conname();
  c.deferrable = con.deferrable();
  c.initially_deferred = con.initdeferred();
  c.not_valid = con.skip_validation();
  c.location = ctx.Where(con.location());
  switch (con.contype()) {
    case pg_query::CONSTR_CHECK: {
      c.kind = model::ConstraintKind::kCheck;
      c.check_expr = sql::DeparseExpr(con.raw_expr());
      if (c.name.empty()) {
        // Named after the column when the expression uses exactly one (AddRelationNewConstraints).
        auto cols = ColumnsReferenced(con.raw_expr());
        c.name = ChooseConstraintName(table, cols.size() == 1 ? cols[0] : "", "check");
      }
      break;
    }
    case pg_query::CONSTR_PRIMARY:
    case pg_query::CONSTR_UNIQUE: {
      bool primary = con.contype() == pg_query::CONSTR_PRIMARY;
      c.kind = primary ? model::ConstraintKind::kPrimaryKey : model::ConstraintKind::kUnique;
      if (primary && table.PrimaryKey()) {
        ctx.Warn("duplicate-object", fmt::format("table {} already has a primary key", table.name.ToString()),
                 con.location());
        return;
      }
      c.nulls_not_distinct = con.nulls_not_distinct();
      if (!con.indexname().empty()) {
        if (!AdoptIndex(ctx, table, c, con.indexname())) return;
      } else {
        c.columns = KeyColumns(con, column);
        c.include_columns = sql::StringList(con.including());
        if (c.name.empty()) {
          // Like ChooseIndexColumnNames, the INCLUDE columns are part of the default name.
          std::vector<std::string> all_columns = c.columns;
          all_columns.insert(all_columns.end(), c.include_columns.begin(), c.include_columns.end());
          c.name = ChooseRelationName(*ctx.catalog, table.name.schema, table.name.name,
                                      primary ? "" : JoinUnderscore(all_columns), primary ? "pkey" : "key");
        }
        AddBackingIndex(ctx, table, c);
      }
      if (primary) {
        for (const auto& name : c.columns) {
          if (auto* key_col = table.FindColumn(name)) key_col->not_null = true;
        }
      }
      break;
    }
    case pg_query::CONSTR_EXCLUSION: {
      c.kind = model::ConstraintKind::kExclude;
      c.exclusion_method = con.access_method().empty() ? "btree" : con.access_method();
      sql::NodeList elems;
      for (const auto& pair : con.exclusions()) {
        const auto& items = pair.list().items();
        if (items.size() != 2 || !items[0].has_index_elem()) continue;
        const auto& elem = items[0].index_elem();
        model::ExclusionElement e;
        e.column_or_expression = elem.name().empty() ? sql::DeparseExpr(elem.expr()) : elem.name();
        e.op = sql::JoinNames(items[1].list().items());
        if (!elem.name().empty()) c.columns.push_back(elem.name());
        c.exclusion_elements.push_back(std::move(e));
        *elems.Add() = items[0];
      }
      c.where_predicate = sql::DeparseExpr(con.where_clause());
      c.include_columns = sql::StringList(con.including());
      if (c.name.empty()) {
        c.name = ChooseRelationName(*ctx.catalog, table.name.schema, table.name.name, IndexNameAddition(elems),
                                    "excl");
      }
      AddBackingIndex(ctx, table, c);
      break;
    }
    case pg_query::CONSTR_FOREIGN: {
      c.kind = model::ConstraintKind::kForeignKey;
      c.columns = con.fk_attrs_size() ? sql::StringList(con.fk_attrs()) : KeyColumns(con, column);
      c.referenced_table = ctx.ResolveRelation(con.pktable());
      c.referenced_columns = sql::StringList(con.pk_attrs());
      if (c.referenced_columns.empty()) {
        c.referenced_columns = PrimaryKeyColumns(*ctx.catalog, c.referenced_table);
        if (c.referenced_columns.empty() && !ctx.catalog->FindTable(c.referenced_table)) {
          ctx.Warn("unknown-object", fmt::format("foreign key references {}, which the replayed DDL does not "
                                                 "create", c.referenced_table.ToString()), con.location());
        }
      }
      c.on_delete = ActionOf(con.fk_del_action());
      c.on_update = ActionOf(con.fk_upd_action());
      c.on_delete_explicit = c.on_delete != model::ReferentialAction::kNoAction ||
                             OnDeleteWritten(ctx.statement->text, ctx.statement->NodeOffset(con.location()));
      if (con.fk_matchtype() == "f") c.match_type = "FULL";
      else if (con.fk_matchtype() == "p") c.match_type = "PARTIAL";
      if (c.name.empty()) c.name = ChooseConstraintName(table, JoinUnderscore(c.columns), "fkey");
      break;
    }
    default:
      return;
  }
  if (table.FindConstraint(c.name)) {
    ctx.Warn("duplicate-object", fmt::format("constraint {} already exists on {}", c.name, table.name.ToString()),
             con.location());
    return;
  }
  // ALTER TABLE is not re-noted as a whole (a table collects many constraints over a long migration history).
  if (ctx.hints && c.kind == model::ConstraintKind::kForeignKey) ctx.hints->NoteForeignKey(table.name, c);
  table.constraints.push_back(std::move(c));
}

bool RemoveConstraint(ReplayContext& ctx, model::Table& table, const std::string& name) {
  auto it = std::find_if(table.constraints.begin(), table.constraints.end(),
                         [&](const model::Constraint& c) { return c.name == name; });
  if (it == table.constraints.end()) return false;
  bool has_index = it->kind == model::ConstraintKind::kPrimaryKey || it->kind == model::ConstraintKind::kUnique ||
                   it->kind == model::ConstraintKind::kExclude;
  table.constraints.erase(it);
  if (!has_index) return true;
  auto& indexes = ctx.catalog->indexes;
  auto direct = indexes.find({table.name.schema, name});
  if (direct != indexes.end() && direct->second.constraint_name == name && direct->second.table == table.name) {
    indexes.erase(direct);
    return true;
  }
  for (auto idx = indexes.begin(); idx != indexes.end(); ++idx) {
    if (idx->second.table == table.name && idx->second.constraint_name == name) {
      indexes.erase(idx);
      break;
    }
  }
  return true;
}

}  // namespace dbarch::sources::ddl
