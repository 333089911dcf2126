#include "analyzers/sql_text.h"

#include <fmt/format.h>

#include <cctype>

namespace dbarch::analyzers {

namespace {
constexpr std::size_t kMaxIdentifierBytes = 63;  // NAMEDATALEN - 1

std::string JoinStrings(const std::vector<std::string>& parts, std::string_view sep) {
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i) out += sep;
    out += parts[i];
  }
  return out;
}

// Does an index expression need its own parentheses in CREATE INDEX? Function calls don't, anything else
// does; extra parentheses are always accepted, so only a bare identifier-call shape skips them.
bool IsBareFunctionCall(const std::string& expr) {
  auto open = expr.find('(');
  if (open == std::string::npos || open == 0 || expr.back() != ')') return false;
  for (std::size_t i = 0; i < open; ++i) {
    char c = expr[i];
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.')) return false;
  }
  // The parenthesis opened after the name must be the one closed at the end.
  int depth = 0;
  for (std::size_t i = open; i < expr.size(); ++i) {
    if (expr[i] == '(') ++depth;
    if (expr[i] == ')' && --depth == 0 && i + 1 != expr.size()) return false;
  }
  return true;
}

std::string_view ActionClause(model::ReferentialAction action) { return model::ReferentialActionSql(action); }
}  // namespace

std::string QuoteLiteral(const std::string& text) {
  std::string out = "'";
  for (char c : text) {
    if (c == '\'') out += '\'';
    out += c;
  }
  return out + "'";
}

std::string ColumnListSql(const std::vector<std::string>& columns) {
  std::vector<std::string> quoted;
  for (const auto& c : columns) quoted.push_back(model::QuoteIdent(c));
  return JoinStrings(quoted, ", ");
}

std::string IndexKeySql(const model::IndexKey& key) {
  std::string out;
  if (!key.column.empty()) {
    out = model::QuoteIdent(key.column);
  } else if (IsBareFunctionCall(key.expression)) {
    out = key.expression;
  } else {
    out = "(" + key.expression + ")";
  }
  if (!key.collation.empty()) out += " COLLATE " + model::QuoteIdent(key.collation);
  if (!key.opclass.empty()) out += " " + key.opclass;
  if (key.descending) out += " DESC";
  if (key.nulls_first.has_value()) {
    // Only spell out a non-default null order: ASC defaults to NULLS LAST, DESC to NULLS FIRST.
    if (*key.nulls_first != key.descending) out += *key.nulls_first ? " NULLS FIRST" : " NULLS LAST";
  }
  return out;
}

std::string IndexDefinitionSql(const model::Index& index, IndexDdlOptions options) {
  std::vector<std::string> keys;
  for (const auto& k : index.keys) keys.push_back(IndexKeySql(k));
  std::string out = index.unique ? "CREATE UNIQUE INDEX " : "CREATE INDEX ";
  if (options.concurrently) out += "CONCURRENTLY ";
  if (options.if_not_exists) out += "IF NOT EXISTS ";
  // The index always lives in its table's schema, so CREATE INDEX takes an unqualified name.
  if (options.with_name) out += model::QuoteIdent(index.name.name) + " ";
  out += "ON " + index.table.ToSql();
  if (!index.method.empty() && index.method != "btree") out += " USING " + index.method;
  out += " (" + JoinStrings(keys, ", ") + ")";
  if (!index.include_columns.empty()) out += " INCLUDE (" + ColumnListSql(index.include_columns) + ")";
  if (index.nulls_not_distinct) out += " NULLS NOT DISTINCT";
  if (!index.predicate.empty()) out += " WHERE " + index.predicate;
  return options.semicolon ? out + ";" : out;
}

std::string DefaultIndexName(const std::string& table, const std::vector<std::string>& columns) {
  // PostgreSQL (ChooseRelationName) shortens the longer of the two parts until "<table>_<cols>_idx" fits.
  std::string cols = JoinStrings(columns, "_");
  const std::string suffix = "_idx";
  std::string t = table;
  while (t.size() + 1 + cols.size() + suffix.size() > kMaxIdentifierBytes) {
    if (t.size() >= cols.size()) t.pop_back();
    else cols.pop_back();
  }
  return t + "_" + cols + suffix;
}

std::string DropIndexConcurrentlySql(const model::QualifiedName& index) {
  return "DROP INDEX CONCURRENTLY IF EXISTS " + index.ToSql() + ";";
}

std::string ConstraintDefinitionSql(const model::Constraint& c) {
  using model::ConstraintKind;
  std::string out;
  switch (c.kind) {
    case ConstraintKind::kPrimaryKey:
    case ConstraintKind::kUnique:
      out = c.kind == ConstraintKind::kPrimaryKey ? "PRIMARY KEY" : "UNIQUE";
      if (c.nulls_not_distinct) out += " NULLS NOT DISTINCT";
      if (!c.using_index.empty()) {
        out += " USING INDEX " + model::QuoteIdent(c.using_index);
      } else {
        out += " (" + ColumnListSql(c.columns) + ")";
        if (!c.include_columns.empty()) out += " INCLUDE (" + ColumnListSql(c.include_columns) + ")";
      }
      break;
    case ConstraintKind::kForeignKey:
      out = fmt::format("FOREIGN KEY ({}) REFERENCES {}", ColumnListSql(c.columns), c.referenced_table.ToSql());
      if (!c.referenced_columns.empty()) out += " (" + ColumnListSql(c.referenced_columns) + ")";
      if (!c.match_type.empty() && c.match_type != "SIMPLE") out += " MATCH " + c.match_type;
      if (c.on_update != model::ReferentialAction::kNoAction) out += fmt::format(" ON UPDATE {}", ActionClause(c.on_update));
      if (c.on_delete != model::ReferentialAction::kNoAction) out += fmt::format(" ON DELETE {}", ActionClause(c.on_delete));
      break;
    case ConstraintKind::kCheck:
      out = "CHECK (" + c.check_expr + ")";
      break;
    case ConstraintKind::kExclude: {
      std::vector<std::string> elements;
      for (const auto& e : c.exclusion_elements) elements.push_back(e.column_or_expression + " WITH " + e.op);
      out = "EXCLUDE USING " + (c.exclusion_method.empty() ? std::string("gist") : c.exclusion_method) + " (" +
            JoinStrings(elements, ", ") + ")";
      if (!c.where_predicate.empty()) out += " WHERE (" + c.where_predicate + ")";
      break;
    }
  }
  if (c.deferrable) out += c.initially_deferred ? " DEFERRABLE INITIALLY DEFERRED" : " DEFERRABLE";
  return out;
}

}  // namespace dbarch::analyzers
