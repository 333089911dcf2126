// SQL text rendered from the catalog model, for fixes and rollbacks: index definitions, index names that
// follow PostgreSQL's own naming, quoted column lists. Everything is quoted with model::QuoteIdent so the
// output can be fed back to PostgreSQL (and to libpg_query) unchanged.
#pragma once

#include <string>
#include <vector>

#include "model/catalog.h"

namespace dbarch::analyzers {

struct IndexDdlOptions {
  bool concurrently = false;   // CREATE INDEX CONCURRENTLY (no write lock; cannot run in a transaction)
  bool if_not_exists = false;  // lets a retried migration skip an index that is already there
  bool with_name = true;       // false: `CREATE INDEX ON …` (PostgreSQL/HypoPG choose the name)
  bool semicolon = true;
};

// "CREATE [UNIQUE] INDEX [CONCURRENTLY] [IF NOT EXISTS] name ON schema.table USING method (keys)
//  [INCLUDE (…)] [NULLS NOT DISTINCT] [WHERE …];" — the equivalent of pg_get_indexdef().
std::string IndexDefinitionSql(const model::Index& index, IndexDdlOptions options = {});

// One index key as written in CREATE INDEX: `col`, `(expr)`, with collation, opclass, DESC, NULLS.
std::string IndexKeySql(const model::IndexKey& key);

// "a, b, \"Mixed\"".
std::string ColumnListSql(const std::vector<std::string>& columns);

// PostgreSQL's default index name for the columns: "<table>_<col1>_<col2>_idx", cut to 63 bytes
// (NAMEDATALEN - 1) the way PostgreSQL cuts it.
std::string DefaultIndexName(const std::string& table, const std::vector<std::string>& columns);

// "DROP INDEX CONCURRENTLY IF EXISTS schema.name;"
std::string DropIndexConcurrentlySql(const model::QualifiedName& index);

// A constraint as written in ALTER TABLE … ADD CONSTRAINT name <definition>: "FOREIGN KEY (a) REFERENCES
// t (id) ON DELETE CASCADE", "CHECK (…)", "UNIQUE (…)", "PRIMARY KEY (…)". Exclusion constraints are
// rendered from their elements.
std::string ConstraintDefinitionSql(const model::Constraint& constraint);

// An SQL string literal: 'it''s'.
std::string QuoteLiteral(const std::string& text);

}  // namespace dbarch::analyzers
