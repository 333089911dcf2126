// The SQL of a schema design: the new tables' DDL (typed columns, NOT NULL where the data has no NULLs,
// primary and foreign keys), the data migration from the original rows (loaded as text into
// staging.<table>: INSERT … SELECT DISTINCT per table, referenced tables first, with the foreign keys added
// after the data so they are checked on it), and the query that proves the design lossless.
#pragma once

#include <string>
#include <vector>

#include "analyzers/normalize/column_profile.h"
#include "analyzers/normalize/decomposition.h"

namespace dbarch::analyzers::normalize {

struct DesignSql {
  std::string staging_table;    // staging."<table>": the original rows, every column text
  std::string staging_ddl;      // CREATE SCHEMA staging + CREATE TABLE staging.… (text columns)
  std::string load_hint;        // the psql \copy line that loads the CSV file into it
  std::string ddl;              // CREATE TABLE … with keys and foreign keys (for a fresh database)
  std::string migration;        // CREATE TABLE (keys only) + INSERT … SELECT DISTINCT + ALTER TABLE … ADD FOREIGN KEY
  // Two queries, each returning the number of rows that differ: original EXCEPT join, join EXCEPT original.
  std::string missing_rows_query;
  std::string extra_rows_query;
};

DesignSql BuildDesignSql(const TableData& table, const std::vector<ColumnProfile>& profile,
                         const Decomposition& decomposition, bool has_header);

// Double-quotes an identifier when PostgreSQL needs it.
std::string QuoteIdent(const std::string& name);

}  // namespace dbarch::analyzers::normalize
