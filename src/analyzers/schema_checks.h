// Findings about the schema alone (no data, no workload): the design problems a reviewer spots by
// reading the DDL. Each finding has a stable id, a location, an explanation and, where one exists, the
// fix as SQL that is safe to run on a live system (CREATE INDEX CONCURRENTLY, NOT VALID + VALIDATE …).
//
// Rule ids:
//   schema/missing-primary-key        table without a primary key
//   schema/unindexed-foreign-key      FK whose referencing columns are not the leading columns of an index
//   schema/duplicate-index            two indexes with the same definition
//   schema/redundant-index            an index whose keys are a left prefix of another's (same method/predicate)
//   schema/timestamp-without-time-zone
//   schema/prefer-identity            serial column; identity columns are the SQL-standard replacement
//   schema/integer-primary-key        int4 surrogate key at overflow risk (2^31)
//   schema/nullable-foreign-key       FK column that allows NULL (optional relationship — intended?)
#pragma once

#include <vector>

#include "dbarch/finding.h"
#include "model/catalog.h"

namespace dbarch::analyzers {

namespace schema {
struct SchemaCheck;
}

Findings CheckSchema(const model::Catalog& catalog);

// Every schema check, in report order (also run by `dbarch lint` on the schema its files build).
const std::vector<const schema::SchemaCheck*>& AllSchemaChecks();

}  // namespace dbarch::analyzers
