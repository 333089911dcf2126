// `dbarch lint`: rules run over migration files and workload SQL, statement by statement, each rule seeing
// the schema as it was before the statement (the files are replayed in order, as PostgreSQL would apply them)
// and what the file did so far. Rules live in lint/rules/<category>/, one per file, listed in
// lint/registry.cc; docs/rules/<id>.md documents each.
//
// Suppressions: a comment `-- dbarch: ignore[rule-id, …]` (or `-- dbarch: ignore` for every rule) directly
// above a statement silences it; `-- dbarch: ignore-file[rule-id, …]` anywhere in a file silences the file.
#pragma once

#include <memory>
#include <set>
#include <string>
#include <vector>

#include "dbarch/finding.h"
#include "model/catalog.h"
#include "sql/parser.h"

namespace dbarch::analyzers {

// Settings for the files whose path matches a glob (`.dbarch.toml`'s [[lint.per-path]]): `*` matches within one
// path segment, `**` across segments, `?` one character; paths are compared as given, without a leading "./".
struct PathOptions {
  std::string pattern;            // "migrations/legacy/**"
  std::set<std::string> ignore;   // rule ids or category prefixes left out for these files
  int pg_version = 0;             // 0 = the global one
  bool Matches(std::string_view path) const;
};

struct LintOptions {
  int pg_version = 15;            // target PostgreSQL major version (lock and rewrite behaviour differ)
  std::set<std::string> select;   // rule ids or category prefixes ("migration/"); empty = every rule
  std::set<std::string> ignore;   // rule ids or category prefixes to leave out
  std::vector<PathOptions> per_path;  // in order; every matching entry applies (later pg-version wins)
  // Opt-in rules are enabled only by their exact id in `select`, never by a category or by default.
  bool Enabled(std::string_view rule_id, bool opt_in = false) const;
};

// Lints files one at a time, in order (a migration folder in version order); the schema carries from file to
// file, starting from `catalog` (e.g. a live database's). A caller can stream a large corpus through it — parse a
// file, Lint it, drop its tree — since nothing of a file but its name and suppressions is kept.
class Linter {
 public:
  explicit Linter(LintOptions options, model::Catalog catalog = {});
  ~Linter();
  Linter(const Linter&) = delete;
  Linter& operator=(const Linter&) = delete;

  void Lint(const sql::ParsedFile& file);
  // Runs the schema rules on the schema the files built; all findings, in file and statement order.
  Findings Finish();

 private:
  struct State;
  LintOptions options_;
  std::unique_ptr<State> state_;
};

// The files linted in order with one Linter.
Findings LintFiles(const std::vector<sql::ParsedFile>& files, const LintOptions& options, model::Catalog catalog = {});

}  // namespace dbarch::analyzers
