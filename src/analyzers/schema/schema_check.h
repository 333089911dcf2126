// The shape of one schema check (clang-tidy style): a stable id, a one-line summary for `dbarch rules`
// and the docs, a default severity, and a function that appends its findings. Each check lives in its
// own file in this folder and is listed once in analyzers/schema_checks.cc.
#pragma once

#include <string>
#include <string_view>

#include "dbarch/finding.h"
#include "model/catalog.h"

namespace dbarch::analyzers::schema {

struct SchemaCheck {
  std::string_view id;       // "schema/unindexed-foreign-key"
  std::string_view summary;  // one line
  Severity severity;
  void (*run)(const SchemaCheck& self, const model::Catalog& catalog, Findings* out);

  // A finding of this check with id, severity, location and object filled in.
  Finding NewFinding(const SourceLocation& where, std::string object) const {
    Finding f;
    f.rule_id = std::string(id);
    f.severity = severity;
    f.location = where;
    f.object = std::move(object);
    return f;
  }
};

// One accessor per check, defined in the file named after it.
const SchemaCheck& MissingPrimaryKeyCheck();
const SchemaCheck& UnindexedForeignKeyCheck();
const SchemaCheck& DuplicateIndexCheck();
const SchemaCheck& RedundantIndexCheck();
const SchemaCheck& TimestampWithoutTimeZoneCheck();
const SchemaCheck& PreferIdentityCheck();
const SchemaCheck& IntegerPrimaryKeyCheck();
const SchemaCheck& NullableForeignKeyCheck();

}  // namespace dbarch::analyzers::schema
