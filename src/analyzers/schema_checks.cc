#include "analyzers/schema_checks.h"

#include "analyzers/schema/schema_check.h"

namespace dbarch::analyzers {

// The one list of schema checks, in report order. A new check: a file in schema/, an accessor in
// schema/schema_check.h, a line here and a page in docs/rules/schema/.
const std::vector<const schema::SchemaCheck*>& AllSchemaChecks() {
  static const std::vector<const schema::SchemaCheck*> kChecks = {
      &schema::MissingPrimaryKeyCheck(),       &schema::UnindexedForeignKeyCheck(),
      &schema::DuplicateIndexCheck(),          &schema::RedundantIndexCheck(),
      &schema::TimestampWithoutTimeZoneCheck(), &schema::PreferIdentityCheck(),
      &schema::IntegerPrimaryKeyCheck(),       &schema::NullableForeignKeyCheck(),
  };
  return kChecks;
}

Findings CheckSchema(const model::Catalog& catalog) {
  Findings out;
  for (const auto* check : AllSchemaChecks()) check->run(*check, catalog, &out);
  return out;
}

}  // namespace dbarch::analyzers
