// schema/eav-table: an entity-attribute-value table — an entity reference, an attribute name and a value column,
// and little else. Every attribute becomes a row, so the database can no longer type, constrain, index or join
// the attributes, and each read of an entity pivots many rows.
#include <fmt/format.h>

#include <set>

#include "analyzers/lint/rules/rule_helpers.h"

namespace dbarch::analyzers::lint {
namespace {

bool EndsWith(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

void Check(const LintRule& self, const LintContext& context, Findings* out) {
  if (!context.statement.node.has_create_stmt()) return;
  model::QualifiedName table;
  const auto columns = DefinedColumns(context, &table);
  static const std::set<std::string> kAttribute = {"attribute", "attr", "attribute_name", "attribute_id", "attr_name",
                                                   "key", "property", "property_name", "field", "field_name",
                                                   "meta_key", "param", "parameter", "setting", "setting_name"};
  static const std::set<std::string> kValue = {"value", "val", "value_text", "value_string", "string_value",
                                               "text_value", "value_int", "int_value", "value_number", "number_value",
                                               "meta_value", "field_value", "attribute_value", "property_value",
                                               "param_value", "setting_value"};
  std::string entity, attribute, value;
  for (const pg_query::ColumnDef* column : columns) {
    const std::string& name = column->colname();
    if (kAttribute.count(name) && attribute.empty()) attribute = name;
    else if (kValue.count(name) && value.empty()) value = name;
    else if ((EndsWith(name, "_id") || name == "entity" || name == "entity_type") && name != "id" && entity.empty())
      entity = name;
  }
  // Besides the triple only an id and bookkeeping columns: a real table with a `key` column has more to say.
  if (entity.empty() || attribute.empty() || value.empty() || columns.size() > 7) return;
  Finding f = self.NewFinding(context, table.ToString(),
                              fmt::format("{} is an entity-attribute-value table ({}, {}, {}): each attribute of an "
                                          "entity is a row.",
                                          table.ToString(), entity, attribute, value));
  f.explanation = "The attributes lose their types (the value column holds everything as text), NOT NULL, CHECK, "
                  "foreign keys and per-attribute indexes; reading one entity means pivoting many rows and the "
                  "planner cannot estimate them. Model known attributes as columns (or a child table per kind); "
                  "keep truly open-ended ones in a jsonb column with the constraints you can express.";
  out->push_back(std::move(f));
}

}  // namespace

const LintRule& EavTableRule() {
  static const LintRule kRule{"schema/eav-table", "Entity-attribute-value table (entity, attribute, value rows)",
                              Severity::kWarning, &Check};
  return kRule;
}

}  // namespace dbarch::analyzers::lint
