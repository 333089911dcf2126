// Synthetic data for the scratch cluster: fills every table of a schema that already exists in the scratch
// database with rows that honour the column types, NOT NULL, CHECK constraints of the common forms
// (comparisons, BETWEEN, IN lists, length checks, column < column, num_nonnulls, enum values, domains),
// UNIQUE and PRIMARY KEY (single, composite, unique indexes, exclusion on ranges), partition bounds, and
// foreign keys (tables loaded in topological order; cycles broken through deferrable or nullable FKs), with
// realistic distributions: Zipf skew, null fractions, distinct counts, most common values, histograms and
// correlation taken from live statistics when given, row counts by table role otherwise. CHECKs it does not
// understand are enforced by filtering rows through a staging table. Loads with COPY (per table: one
// transaction that truncates first, so PostgreSQL can skip WAL and freeze rows; FKs checked in bulk after),
// then ANALYZE. Given CSV files are loaded instead of generating. The parts live in verify/datagen/.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "dbarch/status.h"
#include "model/catalog.h"
#include "model/statistics.h"
#include "verify/pg_connection.h"

namespace dbarch::verify {

struct DataGenerationOptions {
  // Row counts: explicit per table (wins), else live/shape statistics' row count × scale, else a default by
  // the table's role (small lookup tables, large event/log tables, medium otherwise) × scale.
  std::map<model::QualifiedName, int64_t> row_counts;
  double scale = 1.0;
  int64_t default_rows = 10000;
  // Distributions to imitate (pg_stats from a live database); nullptr = defaults.
  const model::Statistics* shape = nullptr;
  // CSV files (with a header row) to load instead of generating, by table.
  std::map<model::QualifiedName, std::string> csv_files;
  uint64_t seed = 1;
  // Skew of foreign keys (how much the hottest parents get): Zipf exponent, 0 = uniform.
  double zipf_exponent = 0.8;
  // Called now and then with (rows loaded so far, rows planned in total).
  std::function<void(int64_t done, int64_t total)> progress;
};

struct TableLoadResult {
  model::QualifiedName table;
  int64_t rows = 0;
  double seconds = 0;
  std::string method;               // "generated", "generated+filtered", "csv"
  std::vector<std::string> notes;   // e.g. a CHECK constraint it could not honour and dropped rows for
};

struct DataGenerationResult {
  std::vector<TableLoadResult> tables;  // in load order
  int64_t total_rows = 0;
  double seconds = 0;  // the whole run, ANALYZE included
  std::vector<std::string> notes;  // about the run as a whole (cycles broken, sequences moved, …)
};

// Fills the tables of `catalog` in the database `connection` points at (the schema must already exist there,
// empty), moves identity/serial sequences past the loaded values, then runs ANALYZE. Errors name the table
// and carry PostgreSQL's message. Needs a superuser connection only for foreign-key cycles that no INSERT
// order can satisfy (NOT NULL and not deferrable). The same seed gives the same data.
Result<DataGenerationResult> GenerateData(const model::Catalog& catalog, const DataGenerationOptions& options,
                                          PgConnection& connection);

}  // namespace dbarch::verify
