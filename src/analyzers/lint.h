// `dbarch lint`: rules run over migration files and workload SQL, statement by statement, each rule seeing
// the schema as it was before the statement (the files are replayed in order, as PostgreSQL would apply them)
// and what the file did so far. Rules live in lint/rules/<category>/, one per file, listed in
// lint/registry.cc; docs/rules/<id>.md documents each.
//
// Suppressions: a comment `-- dbarch: ignore[rule-id, …]` (or `-- dbarch: ignore` for every rule) directly
// above a statement silences it; `-- dbarch: ignore-file[rule-id, …]` anywhere in a file silences the file.
#pragma once

#include <set>
#include <string>
#include <vector>

#include "dbarch/finding.h"
#include "model/catalog.h"
#include "sql/parser.h"

namespace dbarch::analyzers {

struct LintOptions {
  int pg_version = 15;            // target PostgreSQL major version (lock and rewrite behaviour differ)
  std::set<std::string> select;   // rule ids or category prefixes ("migration/"); empty = every rule
  std::set<std::string> ignore;   // rule ids or category prefixes to leave out
  bool Enabled(std::string_view rule_id) const;
};

// Lints the files in order (a migration folder in version order); the schema carries from file to file,
// starting from `catalog` (e.g. a live database's). Findings are in file and statement order.
Findings LintFiles(const std::vector<sql::ParsedFile>& files, const LintOptions& options, model::Catalog catalog = {});

}  // namespace dbarch::analyzers
