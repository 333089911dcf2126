// Finds the schema and the workload in what the user points dbarch at (an application repository, a
// folder, or files), classifies every .sql file, and loads them into a Catalog and a Workload.
//
// Conventions, in order (explicit --schema/--workload paths always win):
//   * a folder whose file names form a migration sequence (Flyway, golang-migrate, timestamps, Prisma,
//     numbered) is replayed in version order; its down/undo files are listed as rollbacks and not replayed;
//   * schema.sql / structure.sql / pg_dump output (a full schema) replaces migration folders when both exist,
//     because it is the final state the migrations lead to;
//   * files under a queries/ or workload/ folder are the workload;
//   * any other .sql file is classified by its statements: mostly DDL → schema, mostly queries → workload,
//     INSERTs of constants only (seed data) → ignored.
// Every decision is recorded in `files` so the user sees how each file was read.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "dbarch/diagnostic.h"
#include "dbarch/status.h"
#include "model/catalog.h"
#include "model/workload.h"

namespace dbarch::sources {

struct LoadOptions {
  std::vector<std::string> paths;           // positional: folders or files, classified by convention
  std::vector<std::string> schema_paths;    // --schema: DDL files or migration folders, replayed in order
  std::vector<std::string> workload_paths;  // --workload: query files or folders
  std::vector<std::string> log_paths;       // --log: PostgreSQL logs whose statements join the workload (read by
                                            // the command line through analyzers/logs, not by LoadProject)
  std::string log_prefix;                   // --log-prefix: their log_line_prefix ("" = detect)
};

struct ClassifiedFile {
  std::string path;
  std::string role;    // "migration", "schema", "workload", "rollback", "ignored"
  std::string detail;  // why, e.g. "Flyway version 3", "42 DDL statements", "seed data (INSERT of constants)"
};

struct LoadedProject {
  std::string name;  // the first folder's name, or the first file's stem
  std::vector<ClassifiedFile> files;
  model::Catalog catalog;
  model::Workload workload;
  Diagnostics diagnostics;
  bool has_schema() const;
  bool has_workload() const { return !workload.queries.empty(); }
};

// Loads everything. Fails (with file:line:col) on unreadable files and SQL syntax errors; problems that
// do not prevent loading become diagnostics.
Result<LoadedProject> LoadProject(const LoadOptions& options);

}  // namespace dbarch::sources
