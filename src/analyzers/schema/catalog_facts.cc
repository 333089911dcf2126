#include "analyzers/schema/catalog_facts.h"

#include "sql/ast.h"
#include "sql/parser.h"

namespace dbarch::analyzers::schema {

namespace {

model::Index ImplicitConstraintIndex(const model::Table& table, const model::Constraint& c) {
  model::Index index;
  index.name = {table.name.schema, c.name};
  index.table = table.name;
  index.constraint_name = c.name;
  index.location = c.location;
  if (c.kind == model::ConstraintKind::kExclude) {
    index.method = c.exclusion_method.empty() ? "gist" : c.exclusion_method;
    for (const auto& e : c.exclusion_elements) {
      model::IndexKey key;
      // A plain column shows up as its bare name; anything else is an expression.
      if (table.FindColumn(e.column_or_expression)) key.column = e.column_or_expression;
      else key.expression = e.column_or_expression;
      index.keys.push_back(key);
    }
    index.predicate = c.where_predicate;
    return index;
  }
  index.unique = true;
  index.primary = c.kind == model::ConstraintKind::kPrimaryKey;
  index.nulls_not_distinct = c.nulls_not_distinct;
  index.include_columns = c.include_columns;
  for (const auto& col : c.columns) index.keys.push_back(model::IndexKey{.column = col});
  return index;
}

bool HasIndexFor(const std::vector<const model::Index*>& indexes, const model::Constraint& c) {
  for (const auto* index : indexes) {
    if (index->constraint_name == c.name) return true;
    if (!c.using_index.empty() && index->name.name == c.using_index) return true;
  }
  return false;
}

void AppendOwnIndexes(const model::Catalog& catalog, const model::Table& table, std::vector<model::Index>* out) {
  // One lookup per table, shared by the constraints below.
  const std::vector<const model::Index*> indexes = catalog.IndexesOn(table.name);
  for (const auto* index : indexes) out->push_back(*index);
  for (const auto& c : table.constraints) {
    bool index_backed = c.kind == model::ConstraintKind::kPrimaryKey || c.kind == model::ConstraintKind::kUnique ||
                        c.kind == model::ConstraintKind::kExclude;
    if (index_backed && !HasIndexFor(indexes, c)) out->push_back(ImplicitConstraintIndex(table, c));
  }
}

// The regclass literal inside nextval('…'): read it as a table name with PostgreSQL's parser, so quoting
// and schema qualification follow PostgreSQL's rules.
std::optional<model::QualifiedName> RegclassName(const std::string& literal, const std::string& default_schema) {
  auto parsed = sql::ParseOne("SELECT 1 FROM " + literal);
  if (!parsed.ok() || !parsed->has_select_stmt() || parsed->select_stmt().from_clause_size() != 1) return std::nullopt;
  const auto& from = parsed->select_stmt().from_clause(0);
  if (!from.has_range_var()) return std::nullopt;
  return sql::NameOf(from.range_var(), default_schema);
}

}  // namespace

std::vector<model::Index> OwnIndexes(const model::Catalog& catalog, const model::Table& table) {
  std::vector<model::Index> out;
  AppendOwnIndexes(catalog, table, &out);
  return out;
}

std::vector<model::Index> EffectiveIndexes(const model::Catalog& catalog, const model::QualifiedName& table_name) {
  std::vector<model::Index> out;
  const model::Table* table = catalog.FindTable(table_name);
  if (!table) return out;
  AppendOwnIndexes(catalog, *table, &out);
  // Partition chains: every ancestor's indexes exist on the partition too.
  const model::Table* current = table;
  for (int depth = 0; depth < 8 && current->partition_of; ++depth) {
    const model::Table* parent = catalog.FindTable(*current->partition_of);
    if (!parent) break;
    std::vector<model::Index> inherited;
    AppendOwnIndexes(catalog, *parent, &inherited);
    for (auto& index : inherited) {
      index.table = table_name;
      out.push_back(std::move(index));
    }
    current = parent;
  }
  return out;
}

bool BacksConstraint(const model::Index& index) { return index.primary || !index.constraint_name.empty(); }

std::optional<std::vector<std::string>> LeadingColumns(const model::Index& index, std::size_t n) {
  if (index.keys.size() < n) return std::nullopt;
  std::vector<std::string> out;
  for (std::size_t i = 0; i < n; ++i) {
    if (index.keys[i].column.empty()) return std::nullopt;
    out.push_back(index.keys[i].column);
  }
  return out;
}

bool IsPartition(const model::Table& table) { return table.partition_of.has_value(); }

SequenceOwners::SequenceOwners(const model::Catalog& catalog) {
  for (const auto& [name, seq] : catalog.sequences) {
    if (seq.owned_by_table) owned_.emplace(std::pair{*seq.owned_by_table, seq.owned_by_column}, name);
  }
}

const model::QualifiedName* SequenceOwners::Find(const model::QualifiedName& table, const std::string& column) const {
  auto it = owned_.find(std::pair{table, column});
  return it == owned_.end() ? nullptr : &it->second;
}

std::optional<model::QualifiedName> DefaultSequence(const SequenceOwners& owners, const model::Table& table,
                                                    const model::Column& column) {
  // Parsing every default costs a parse per column of the schema; only a nextval(…) default names a sequence
  // (unquoted names are folded to lower case, so the deparsed text spells it this way).
  if (column.default_expr && column.default_expr->find("nextval") != std::string::npos) {
    auto parsed = sql::ParseOne("SELECT " + *column.default_expr);
    if (parsed.ok() && parsed->has_select_stmt() && parsed->select_stmt().target_list_size() == 1) {
      const auto& val = parsed->select_stmt().target_list(0).res_target().val();
      if (val.has_func_call() && val.func_call().funcname_size() > 0 &&
          sql::StringValue(val.func_call().funcname(val.func_call().funcname_size() - 1)) == "nextval" &&
          val.func_call().args_size() == 1) {
        const pg_query::Node* arg = &val.func_call().args(0);
        if (arg->has_type_cast()) arg = &arg->type_cast().arg();
        if (arg->has_a_const() && arg->a_const().has_sval()) {
          if (auto name = RegclassName(arg->a_const().sval().sval(), table.name.schema)) return name;
        }
      }
    }
  }
  if (const model::QualifiedName* owned = owners.Find(table.name, column.name)) return *owned;
  return std::nullopt;
}

std::string DescribeIndex(const model::Index& index) {
  std::string keys;
  for (const auto& k : index.keys) {
    if (!keys.empty()) keys += ", ";
    keys += k.column.empty() ? k.expression : k.column;
    if (!k.opclass.empty()) keys += " " + k.opclass;
    if (k.descending) keys += " DESC";
  }
  std::string out = index.name.ToString();
  if (index.method != "btree") out += " USING " + index.method;
  out += " (" + keys + ")";
  if (!index.include_columns.empty()) {
    std::string inc;
    for (const auto& c : index.include_columns) inc += (inc.empty() ? "" : ", ") + c;
    out += " INCLUDE (" + inc + ")";
  }
  if (!index.predicate.empty()) out += " WHERE " + index.predicate;
  if (index.primary) out += " [primary key]";
  else if (!index.constraint_name.empty()) out += " [constraint " + index.constraint_name + "]";
  else if (index.unique) out += " [unique]";
  if (index.location.known()) out += " at " + index.location.ToString();
  return out;
}

std::string ColumnsObject(const model::QualifiedName& table, const std::vector<std::string>& columns) {
  if (columns.size() == 1) return table.ToString() + "." + columns[0];
  std::string list;
  for (const auto& c : columns) list += (list.empty() ? "" : ", ") + c;
  return table.ToString() + ".(" + list + ")";
}

SourceLocation ColumnLocation(const model::Table& table, const std::string& column) {
  const model::Column* c = table.FindColumn(column);
  if (c && c->location.known()) return c->location;
  return table.location;
}

}  // namespace dbarch::analyzers::schema
