// schema/comma-separated-list: several values packed into one text column (1NF): a text/varchar column whose name
// says it holds a list (tags, emails, role_ids, category_list…), or a query that splits or pattern-matches a column
// as a comma-separated list (string_to_array(col, ','), LIKE '%,x,%'). Such values cannot be constrained, joined,
// indexed per element or updated without rewriting the whole string.
#include <fmt/format.h>

#include <set>
#include <string_view>

#include "analyzers/lint/rules/schema/column_type_rule.h"
#include "common/text.h"
#include "sql/message_type.h"

namespace dbarch::analyzers::lint {
namespace {

bool EndsWith(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

bool ListName(const std::string& name) {
  static const std::set<std::string> kPlural = {"tags", "labels", "emails", "phones", "phone_numbers", "roles",
                                                "categories", "keywords", "recipients", "permissions", "groups",
                                                "skills", "ids", "urls", "addresses", "attachments", "members"};
  if (kPlural.count(name)) return true;
  for (const char* suffix : {"_ids", "_list", "_csv", "_tags", "_emails", "_codes"})
    if (EndsWith(name, suffix)) return true;
  return false;
}

bool TextType(const model::TypeName& type) {
  return type.array_dims == 0 && (type.name == "text" || type.name == "character varying");
}

// A string constant that is, or is wrapped in, a comma (',', '%,x,%', ',' || x || ',').
bool CommaPattern(const pg_query::Node& node) {
  bool found = false;
  VisitTree(node, [&](const google::protobuf::Message& m) {
    if (!sql::Is<pg_query::A_Const>(m)) return;
    const auto& c = static_cast<const pg_query::A_Const&>(m);
    if (!c.has_sval()) return;
    const std::string& s = c.sval().sval();
    if (s == "," || s.find(",%") != std::string::npos || s.find("%,") != std::string::npos) found = true;
  });
  return found;
}

bool HasColumn(const pg_query::Node& node) {
  bool found = false;
  VisitTree(node, [&](const google::protobuf::Message& m) {
    if (sql::Is<pg_query::ColumnRef>(m)) found = true;
  });
  return found;
}

// Whether the statement's text can hold what CheckQuery looks for: LIKE/ILIKE (a keyword, never quoted or
// escaped) or a call of a split function by name (a name spelled with U&"…" escapes is the one other way to
// write it, so such a statement is always walked). This rule is the only schema-aware one that walks whole
// trees on the lint's main thread; the text test spares that walk for nearly every statement.
bool MayTreatColumnAsList(const std::string& text) {
  for (std::string_view word : {"like", "split", "string_to_", "u&"}) {
    if (ContainsIgnoringAsciiCase(text, word)) return true;
  }
  return false;
}

void CheckQuery(const LintRule& self, const LintContext& context, Findings* out) {
  if (!MayTreatColumnAsList(context.statement.text)) return;
  std::string how;
  ForEachNode(context, [&](const google::protobuf::Message& m) {
    if (!how.empty()) return;
    if (sql::Is<pg_query::FuncCall>(m)) {
      const auto& call = static_cast<const pg_query::FuncCall&>(m);
      const std::string name = FunctionName(call);
      static const std::set<std::string> kSplit = {"string_to_array", "string_to_table", "regexp_split_to_array",
                                                   "regexp_split_to_table", "split_part"};
      if (kSplit.count(name) && call.args_size() >= 2 && HasColumn(call.args(0)) && CommaPattern(call.args(1)))
        how = name + "(…, ',')";
    } else if (sql::Is<pg_query::A_Expr>(m)) {
      const auto& e = static_cast<const pg_query::A_Expr&>(m);
      if ((e.kind() == pg_query::AEXPR_LIKE || e.kind() == pg_query::AEXPR_ILIKE) && CommaPattern(e.rexpr()) &&
          HasColumn(e.lexpr()))
        how = "LIKE with commas around the value";
    }
  });
  if (how.empty()) return;
  Finding f = self.NewFinding(context, "",
                              fmt::format("The query treats a column as a comma-separated list ({}).", how));
  f.explanation = "Searching inside a packed string cannot use a B-tree index (every row is split or scanned), the "
                  "elements cannot be constrained or referenced, and updating one element rewrites the string. Store "
                  "the elements as rows of a child table (or a text[] with a GIN index), then join or use = ANY.";
  out->push_back(std::move(f));
}

void Check(const LintRule& self, const LintContext& context, Findings* out) {
  if (IsQuery(context.statement.node)) {
    CheckQuery(self, context, out);
    return;
  }
  ForEachColumnOfType(
      context, [](const model::TypeName& type, const pg_query::ColumnDef& column) {
        return TextType(type) && ListName(column.colname());
      },
      [&](const model::QualifiedName& table, const pg_query::ColumnDef& column, const model::TypeName& type) {
        Finding f = self.NewFinding(context, table.ToString() + "." + column.colname(),
                                    fmt::format("Column {}.{} is {} but its name says it holds several values: a "
                                                "comma-separated list in one column breaks first normal form.",
                                                table.ToString(), column.colname(), type.ToSql()));
        f.explanation = "Elements of a packed string cannot be typed, checked, referenced by a foreign key or indexed "
                        "one by one, and every query splits it again. Use a child table (one row per element), or "
                        "a text[] / jsonb column with a GIN index when the elements need no constraints.";
        out->push_back(std::move(f));
      });
}

}  // namespace

const LintRule& CommaSeparatedListRule() {
  static const LintRule kRule{"schema/comma-separated-list",
                              "Several values packed into one text column (comma-separated list, 1NF)",
                              Severity::kWarning, &Check};
  return kRule;
}

}  // namespace dbarch::analyzers::lint
