#include "sql/canonical_expression.h"

#include <cctype>
#include <optional>

#include "sql/canonical/normalizer.h"
#include "sql/parser.h"

namespace dbarch::sql {
namespace {

using canonical::Normalizer;
using canonical::StripQualifier;
using pg_query::Node;

std::string Trim(std::string_view text) {
  std::size_t a = 0;
  std::size_t b = text.size();
  while (a < b && std::isspace(static_cast<unsigned char>(text[a]))) ++a;
  while (b > a && (std::isspace(static_cast<unsigned char>(text[b - 1])) || text[b - 1] == ';')) --b;
  return std::string(text.substr(a, b - a));
}

// Parses `SELECT <expression>`; nullopt when it is not exactly one expression.
std::optional<Node> ParseExpression(std::string_view expression) {
  auto parsed = ParseOne("SELECT " + std::string(expression));
  if (!parsed.ok() || !parsed->has_select_stmt()) return std::nullopt;
  const auto& select = parsed->select_stmt();
  if (select.target_list_size() != 1 || select.from_clause_size() > 0 || select.has_where_clause()) {
    return std::nullopt;
  }
  const auto& target = select.target_list(0).res_target();
  if (!target.name().empty()) return std::nullopt;
  return target.val();
}

std::string DeparseStatement(const Node& node, std::string_view fallback) {
  auto text = Deparse(node);
  return text.ok() ? std::move(text).value() : Trim(fallback);
}

}  // namespace

std::string CanonicalExpression(std::string_view expression) {
  auto expr = ParseExpression(expression);
  if (!expr) return Trim(expression);
  Normalizer normalizer(nullptr);
  normalizer.Expr(&*expr);
  std::string out = DeparseExpr(*expr);
  return out.empty() ? Trim(expression) : out;
}

std::string CanonicalQuery(std::string_view query, const std::vector<std::string>& output_columns,
                           const RelationColumnsLookup& columns_of) {
  auto parsed = ParseOne(Trim(query));
  if (!parsed.ok() || !parsed->has_select_stmt()) return Trim(query);
  Normalizer normalizer(&columns_of);
  normalizer.Select(parsed->mutable_select_stmt(), true, output_columns.empty() ? nullptr : &output_columns);
  return DeparseStatement(*parsed, query);
}

std::string CanonicalPartitionBound(std::string_view bound) {
  std::string text = Trim(bound);
  auto parsed = ParseOne("CREATE TABLE _bound PARTITION OF _parent " + text);
  if (!parsed.ok() || !parsed->has_create_stmt() || !parsed->create_stmt().has_partbound()) return text;
  auto spec = parsed->create_stmt().partbound();
  if (spec.is_default()) return "DEFAULT";
  if (spec.strategy() == "h") {
    return "FOR VALUES WITH (MODULUS " + std::to_string(spec.modulus()) + ", REMAINDER " +
           std::to_string(spec.remainder()) + ")";
  }
  Normalizer normalizer(nullptr);
  auto list = [&](google::protobuf::RepeatedPtrField<Node>* datums) {
    std::string out;
    for (auto& d : *datums) {
      normalizer.Expr(&d);
      out += (out.empty() ? "" : ", ") + DeparseExpr(d);
    }
    return out;
  };
  if (spec.strategy() == "l") return "FOR VALUES IN (" + list(spec.mutable_listdatums()) + ")";
  std::string lower = list(spec.mutable_lowerdatums());
  return "FOR VALUES FROM (" + lower + ") TO (" + list(spec.mutable_upperdatums()) + ")";
}

std::string CanonicalFunctionBody(std::string_view body) {
  auto parsed = ParseOne(Trim(body));
  if (!parsed.ok() || !parsed->has_create_function_stmt() || !parsed->create_function_stmt().has_sql_body()) {
    return std::string(body);
  }
  auto* stmt = parsed->mutable_create_function_stmt();
  stmt->set_replace(false);
  StripQualifier(stmt->mutable_funcname());
  auto* options = stmt->mutable_options();
  std::stable_sort(options->begin(), options->end(), [](const Node& a, const Node& b) {
    return a.def_elem().defname() < b.def_elem().defname();
  });
  for (auto& option : *options) option.mutable_def_elem()->clear_location();
  Normalizer normalizer(nullptr);
  normalizer.Expr(&*parsed);
  return DeparseStatement(*parsed, body);
}

RelationColumnsLookup CatalogRelationColumns(const model::Catalog& catalog) {
  return [&catalog](const std::string& schema, const std::string& name) -> std::vector<std::string> {
    auto columns_of = [&](const model::QualifiedName& qn) -> std::optional<std::vector<std::string>> {
      if (const auto* table = catalog.FindTable(qn)) {
        std::vector<std::string> out;
        for (const auto& c : table->columns) out.push_back(c.name);
        return out;
      }
      if (auto v = catalog.views.find(qn); v != catalog.views.end()) return v->second.columns;
      return std::nullopt;
    };
    if (!schema.empty()) return columns_of({schema, name}).value_or(std::vector<std::string>{});
    if (auto in_public = columns_of({"public", name})) return *in_public;
    for (const auto& [qn, table] : catalog.tables) {
      if (qn.name == name) return *columns_of(qn);
    }
    for (const auto& [qn, view] : catalog.views) {
      if (qn.name == name) return view.columns;
    }
    return {};
  };
}

model::ExpressionCanonicalizer CatalogCanonicalizer() {
  return [](const std::string& text, const model::ExpressionContext& context) -> std::string {
    switch (context.kind) {
      case model::ExpressionKind::kScalar: return CanonicalExpression(text);
      case model::ExpressionKind::kPartitionBound: return CanonicalPartitionBound(text);
      case model::ExpressionKind::kFunctionBody: return CanonicalFunctionBody(text);
      case model::ExpressionKind::kQuery: {
        static const std::vector<std::string> kNone;
        RelationColumnsLookup lookup;
        if (context.catalog) lookup = CatalogRelationColumns(*context.catalog);
        return CanonicalQuery(text, context.output_columns ? *context.output_columns : kNone, lookup);
      }
    }
    return text;
  };
}

}  // namespace dbarch::sql
