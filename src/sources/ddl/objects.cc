// Schemas, extensions, sequences, enums, domains, comments and search_path.
#include <algorithm>

#include <fmt/format.h>

#include "sources/ddl/replay_internal.h"

namespace dbarch::sources::ddl {
namespace {

std::optional<int64_t> DefElemInteger(const pg_query::DefElem& def) {
  const auto& arg = def.arg();
  if (arg.has_integer()) return arg.integer().ival();
  if (arg.has_float_()) {
    try {
      return std::stoll(arg.float_().fval());
    } catch (...) {
      return std::nullopt;
    }
  }
  return sql::IntegerValue(arg);
}

std::string ConstString(const pg_query::Node& node) {
  if (node.has_a_const() && node.a_const().has_sval()) return node.a_const().sval().sval();
  if (node.has_string()) return node.string().sval();
  return "";
}

// The first schema of a search_path value; "$user" is skipped (it rarely names an existing schema).
void SetCurrentSchema(ReplayContext& ctx, const std::vector<std::string>& path) {
  for (const auto& entry : path) {
    if (entry.empty() || entry == "$user") continue;
    *ctx.current_schema = entry;
    return;
  }
}

std::optional<std::string>* CommentSlot(ReplayContext& ctx, const pg_query::CommentStmt& stmt) {
  auto& catalog = *ctx.catalog;
  const auto& object = stmt.object();
  auto names = object.has_list() ? sql::StringList(object.list().items()) : std::vector<std::string>{};
  auto qualified = [&](std::size_t drop_last) {
    std::vector<std::string> parts(names.begin(), names.end() - static_cast<long>(drop_last));
    if (parts.size() >= 2) return model::QualifiedName{parts[parts.size() - 2], parts.back()};
    model::QualifiedName name{*ctx.current_schema, parts.empty() ? "" : parts.back()};
    if (!catalog.tables.count(name) && !catalog.views.count(name) && !catalog.indexes.count(name) &&
        (catalog.tables.count({"public", name.name}) || catalog.views.count({"public", name.name}) ||
         catalog.indexes.count({"public", name.name}))) {
      name.schema = "public";
    }
    return name;
  };
  switch (stmt.objtype()) {
    case pg_query::OBJECT_TABLE:
    case pg_query::OBJECT_FOREIGN_TABLE:
    case pg_query::OBJECT_VIEW:
    case pg_query::OBJECT_MATVIEW: {
      auto name = qualified(0);
      if (auto* t = catalog.FindTable(name)) return &t->comment;
      if (auto v = catalog.views.find(name); v != catalog.views.end()) return &v->second.comment;
      ctx.UnknownObject("relation", name.ToString());
      return nullptr;
    }
    case pg_query::OBJECT_COLUMN: {
      if (names.size() < 2) return nullptr;
      auto table_name = qualified(1);
      model::Table* t = ctx.FindTable(table_name);
      if (!t) return nullptr;
      if (auto* col = t->FindColumn(names.back())) return &col->comment;
      ctx.UnknownObject("column", table_name.ToString() + "." + names.back());
      return nullptr;
    }
    case pg_query::OBJECT_INDEX: {
      auto name = qualified(0);
      if (model::Index* index = catalog.indexes.Mutable(name)) return &index->comment;
      ctx.UnknownObject("index", name.ToString());
      return nullptr;
    }
    case pg_query::OBJECT_TABCONSTRAINT: {
      if (names.size() < 2) return nullptr;
      auto table_name = qualified(1);
      model::Table* t = ctx.FindTable(table_name);
      if (!t) return nullptr;
      for (auto& c : t->constraints) {
        if (c.name == names.back()) return &c.comment;
      }
      ctx.UnknownObject("constraint", names.back() + " on " + table_name.ToString());
      return nullptr;
    }
    case pg_query::OBJECT_TYPE:
    case pg_query::OBJECT_DOMAIN: {
      if (!object.has_type_name()) return nullptr;
      auto name = ctx.Resolve(object.type_name().names());
      if (auto e = catalog.enums.find(name); e != catalog.enums.end()) return &e->second.comment;
      if (auto d = catalog.domains.find(name); d != catalog.domains.end()) return &d->second.comment;
      ctx.UnknownObject("type", name.ToString());
      return nullptr;
    }
    case pg_query::OBJECT_FUNCTION:
    case pg_query::OBJECT_PROCEDURE:
    case pg_query::OBJECT_ROUTINE: {
      if (!object.has_object_with_args()) return nullptr;
      std::string key = FunctionKey(ctx, object.object_with_args());
      if (auto f = catalog.functions.find(key); f != catalog.functions.end()) return &f->second.comment;
      ctx.UnknownObject("function", key);
      return nullptr;
    }
    case pg_query::OBJECT_SCHEMA: {
      std::string name = sql::StringValue(object);
      if (auto s = catalog.schemas.find(name); s != catalog.schemas.end()) return &s->second.comment;
      ctx.UnknownObject("schema", name);
      return nullptr;
    }
    default:
      return nullptr;  // comments on objects the model does not hold (extensions, roles, …)
  }
}

}  // namespace

void CreateSchema(ReplayContext& ctx, const pg_query::CreateSchemaStmt& stmt) {
  std::string name = stmt.schemaname().empty() ? stmt.authrole().rolename() : stmt.schemaname();
  if (ctx.catalog->schemas.count(name)) {
    if (!stmt.if_not_exists() && name != "public") {
      ctx.Warn("duplicate-object", fmt::format("schema {} already exists", name));
    }
  } else {
    auto& schema = ctx.catalog->schemas[name];
    schema.name = name;
    schema.owner = stmt.authrole().rolename();
    schema.location = ctx.Where();
  }
  // CREATE SCHEMA s CREATE TABLE …: the elements are created inside the new schema.
  if (stmt.schema_elts_size() > 0) {
    std::string saved = *ctx.current_schema;
    *ctx.current_schema = name;
    for (const auto& elt : stmt.schema_elts()) ApplyNode(ctx, elt);
    *ctx.current_schema = saved;
  }
}

void CreateExtension(ReplayContext& ctx, const pg_query::CreateExtensionStmt& stmt) {
  if (ctx.catalog->extensions.count(stmt.extname())) {
    if (!stmt.if_not_exists()) ctx.Warn("duplicate-object", fmt::format("extension {} already exists", stmt.extname()));
    return;
  }
  model::Extension ext;
  ext.name = stmt.extname();
  ext.schema = *ctx.current_schema;
  for (const auto& opt : stmt.options()) {
    if (opt.has_def_elem() && opt.def_elem().defname() == "schema") ext.schema = ConstString(opt.def_elem().arg());
  }
  ext.location = ctx.Where();
  ctx.catalog->extensions[ext.name] = std::move(ext);
}

void ApplySequenceOptions(ReplayContext& ctx, model::Sequence& seq, const sql::NodeList& options) {
  for (const auto& node : options) {
    if (!node.has_def_elem()) continue;
    const auto& def = node.def_elem();
    const std::string& opt = def.defname();
    if (opt == "as" && def.arg().has_type_name()) {
      seq.data_type = sql::TypeOf(def.arg().type_name()).name;
    } else if (opt == "start") {
      seq.start = DefElemInteger(def);
    } else if (opt == "increment") {
      seq.increment = DefElemInteger(def);
    } else if (opt == "minvalue") {
      seq.min_value = def.has_arg() ? DefElemInteger(def) : std::nullopt;
    } else if (opt == "maxvalue") {
      seq.max_value = def.has_arg() ? DefElemInteger(def) : std::nullopt;
    } else if (opt == "cycle") {
      seq.cycle = !def.has_arg() || (def.arg().has_boolean() ? def.arg().boolean().boolval()
                                                             : DefElemInteger(def).value_or(1) != 0);
    } else if (opt == "owned_by" && def.arg().has_list()) {
      auto parts = sql::StringList(def.arg().list().items());
      if (parts.size() == 1 && parts[0] == "none") {
        seq.owned_by_table.reset();
        seq.owned_by_column.clear();
      } else if (parts.size() >= 2) {
        seq.owned_by_column = parts.back();
        if (ctx.hints) ctx.hints->sequence_owner_columns.insert(seq.owned_by_column);
        model::QualifiedName table = parts.size() >= 3 ? model::QualifiedName{parts[parts.size() - 3], parts[parts.size() - 2]}
                                                       : model::QualifiedName{seq.name.schema, parts[0]};
        if (!ctx.catalog->FindTable(table)) ctx.UnknownObject("table", table.ToString());
        seq.owned_by_table = table;
      }
    }
    // CACHE, RESTART, SEQUENCE NAME (handled by the identity code) and LOGGED/UNLOGGED do not matter here.
  }
}

void CreateSequence(ReplayContext& ctx, const pg_query::CreateSeqStmt& stmt) {
  model::QualifiedName name = ctx.Resolve(stmt.sequence());
  if (RelationNameTaken(*ctx.catalog, name)) {
    if (!stmt.if_not_exists()) {
      ctx.Warn("duplicate-object", fmt::format("relation {} already exists; CREATE SEQUENCE ignored", name.ToString()));
    }
    return;
  }
  model::Sequence seq;
  seq.name = name;
  seq.location = ctx.Where();
  ApplySequenceOptions(ctx, seq, stmt.options());
  ctx.catalog->sequences[name] = std::move(seq);
}

void AlterSequence(ReplayContext& ctx, const pg_query::AlterSeqStmt& stmt) {
  model::QualifiedName name = ctx.ResolveRelation(stmt.sequence());
  auto it = ctx.catalog->sequences.find(name);
  if (it == ctx.catalog->sequences.end()) {
    if (!stmt.missing_ok()) ctx.UnknownObject("sequence", name.ToString());
    return;
  }
  ApplySequenceOptions(ctx, it->second, stmt.options());
}

void CreateEnum(ReplayContext& ctx, const pg_query::CreateEnumStmt& stmt) {
  model::QualifiedName name = ctx.Resolve(stmt.type_name());
  if (ctx.catalog->enums.count(name) || ctx.catalog->domains.count(name)) {
    ctx.Warn("duplicate-object", fmt::format("type {} already exists", name.ToString()));
    return;
  }
  model::EnumType e;
  e.name = name;
  for (const auto& v : stmt.vals()) e.values.push_back(sql::StringValue(v));
  e.location = ctx.Where();
  ctx.catalog->enums[name] = std::move(e);
}

void AlterEnum(ReplayContext& ctx, const pg_query::AlterEnumStmt& stmt) {
  model::QualifiedName name = ctx.Resolve(stmt.type_name());
  auto it = ctx.catalog->enums.find(name);
  if (it == ctx.catalog->enums.end()) {
    ctx.UnknownObject("type", name.ToString());
    return;
  }
  auto& values = it->second.values;
  if (!stmt.old_val().empty()) {  // RENAME VALUE
    auto v = std::find(values.begin(), values.end(), stmt.old_val());
    if (v == values.end()) ctx.UnknownObject("enum value", stmt.old_val());
    else *v = stmt.new_val();
    return;
  }
  if (std::find(values.begin(), values.end(), stmt.new_val()) != values.end()) {
    if (!stmt.skip_if_new_val_exists()) {
      ctx.Warn("duplicate-object", fmt::format("enum value '{}' already exists in {}", stmt.new_val(), name.ToString()));
    }
    return;
  }
  auto pos = values.end();
  if (!stmt.new_val_neighbor().empty()) {
    pos = std::find(values.begin(), values.end(), stmt.new_val_neighbor());
    if (pos == values.end()) ctx.UnknownObject("enum value", stmt.new_val_neighbor());
    else if (stmt.new_val_is_after()) ++pos;
  }
  values.insert(pos, stmt.new_val());
}

void CreateDomain(ReplayContext& ctx, const pg_query::CreateDomainStmt& stmt) {
  model::QualifiedName name = ctx.Resolve(stmt.domainname());
  if (ctx.catalog->enums.count(name) || ctx.catalog->domains.count(name)) {
    ctx.Warn("duplicate-object", fmt::format("type {} already exists", name.ToString()));
    return;
  }
  model::Domain d;
  d.name = name;
  d.base_type = ResolveType(ctx, stmt.type_name());
  for (const auto& node : stmt.constraints()) {
    if (!node.has_constraint()) continue;
    const auto& con = node.constraint();
    if (con.contype() == pg_query::CONSTR_NOTNULL) d.not_null = true;
    else if (con.contype() == pg_query::CONSTR_NULL) d.not_null = false;
    else if (con.contype() == pg_query::CONSTR_DEFAULT) d.default_expr = sql::DeparseExpr(con.raw_expr());
    else if (con.contype() == pg_query::CONSTR_CHECK) {
      d.check_names.push_back(con.conname().empty() ? d.NextCheckName() : con.conname());
      d.checks.push_back(sql::DeparseExpr(con.raw_expr()));
    }
  }
  d.location = ctx.Where();
  ctx.catalog->domains[name] = std::move(d);
}

void AlterDomain(ReplayContext& ctx, const pg_query::AlterDomainStmt& stmt) {
  model::QualifiedName name = ctx.Resolve(stmt.type_name());
  auto it = ctx.catalog->domains.find(name);
  if (it == ctx.catalog->domains.end()) {
    if (!stmt.missing_ok()) ctx.UnknownObject("domain", name.ToString());
    return;
  }
  model::Domain& d = it->second;
  const std::string& sub = stmt.subtype();
  if (sub == "T") {
    if (stmt.has_def()) d.default_expr = sql::DeparseExpr(stmt.def());
    else d.default_expr.reset();
  } else if (sub == "N") {
    d.not_null = false;
  } else if (sub == "O") {
    d.not_null = true;
  } else if (sub == "C" && stmt.def().has_constraint() && stmt.def().constraint().contype() == pg_query::CONSTR_CHECK) {
    const std::string& conname = stmt.def().constraint().conname();
    d.check_names.push_back(conname.empty() ? d.NextCheckName() : conname);
    d.checks.push_back(sql::DeparseExpr(stmt.def().constraint().raw_expr()));
  } else if (sub == "X") {
    for (std::size_t i = 0; i < d.check_names.size() && i < d.checks.size(); ++i) {
      if (d.check_names[i] != stmt.name()) continue;
      d.check_names.erase(d.check_names.begin() + static_cast<std::ptrdiff_t>(i));
      d.checks.erase(d.checks.begin() + static_cast<std::ptrdiff_t>(i));
      break;
    }
  }
  // VALIDATE CONSTRAINT: checks are kept without their validity.
}

void Comment(ReplayContext& ctx, const pg_query::CommentStmt& stmt) {
  std::optional<std::string>* slot = CommentSlot(ctx, stmt);
  if (!slot) return;
  if (stmt.comment().empty()) slot->reset();  // COMMENT … IS NULL
  else *slot = stmt.comment();
}

void SetVariable(ReplayContext& ctx, const pg_query::VariableSetStmt& stmt) {
  if (stmt.name() != "search_path") {
    if (stmt.kind() == pg_query::VAR_RESET_ALL) *ctx.current_schema = "public";
    return;
  }
  if (stmt.kind() == pg_query::VAR_SET_DEFAULT || stmt.kind() == pg_query::VAR_RESET) {
    *ctx.current_schema = "public";
    return;
  }
  std::vector<std::string> path;
  for (const auto& arg : stmt.args()) path.push_back(ConstString(arg));
  SetCurrentSchema(ctx, path);
}

bool SelectSetsSearchPath(ReplayContext& ctx, const pg_query::SelectStmt& stmt) {
  if (stmt.target_list_size() != 1 || stmt.from_clause_size() > 0) return false;
  const auto& val = stmt.target_list(0).res_target().val();
  if (!val.has_func_call()) return false;
  const auto& call = val.func_call();
  auto names = sql::StringList(call.funcname());
  if (names.empty() || names.back() != "set_config" || call.args_size() < 2) return false;
  if (ConstString(call.args(0)) != "search_path") return false;
  // The value is a search_path string, e.g. "" (pg_dump) or "app, public".
  std::vector<std::string> path;
  std::string value = ConstString(call.args(1));
  std::size_t start = 0;
  while (start <= value.size()) {
    std::size_t comma = value.find(',', start);
    std::string entry = value.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    entry.erase(0, entry.find_first_not_of(" \t"));
    entry.erase(entry.find_last_not_of(" \t") + 1);
    if (entry.size() >= 2 && entry.front() == '"' && entry.back() == '"') entry = entry.substr(1, entry.size() - 2);
    path.push_back(entry);
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  SetCurrentSchema(ctx, path);
  return true;
}

}  // namespace dbarch::sources::ddl
