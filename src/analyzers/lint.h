// `dbarch lint`: rules run over migration files and workload SQL, statement by statement, each rule seeing
// the schema as it was before the statement (the files are replayed in order, as PostgreSQL would apply them)
// and what the file did so far. Rules live in lint/rules/<category>/, one per file, listed in
// lint/registry.cc; docs/rules/<id>.md documents each.
//
// Suppressions: a comment `-- dbarch: ignore[rule-id, …]` (or `-- dbarch: ignore` for every rule) directly
// above a statement silences it; `-- dbarch: ignore-file[rule-id, …]` anywhere in a file silences the file.
#pragma once

#include <cstdint>
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
// What linting a file needs no schema for, done by Linter::Prepare on any thread: its suppressions and the
// findings of the statement-only rules (lint::StatementCheck::statement_only).
struct PreparedLint {
  std::set<std::string> file_ignored;                    // rule ids (or "*") the whole file ignores
  std::vector<std::set<std::string>> statement_ignored;  // per statement: the ids its comments ignore
  Findings findings;                                     // in statement order, rules in registry order
  std::vector<uint16_t> finding_rules;                   // per finding: its rule's position among the linter's
  int pg_version = 15;                                   // the target version for this file (per-path settings)
};

class Linter {
 public:
  explicit Linter(LintOptions options, model::Catalog catalog = {});
  ~Linter();
  Linter(const Linter&) = delete;
  Linter& operator=(const Linter&) = delete;

  // Lints the next file: Prepare(file), then the rules that need the schema, then the file's statements
  // replayed into the schema.
  void Lint(const sql::ParsedFile& file);
  // The same with `prepared` = Prepare(file) computed ahead, e.g. on the thread that parsed the file.
  void Lint(const sql::ParsedFile& file, PreparedLint prepared);
  // The schema-independent part of linting `file`. Thread-safe: it reads only the options and the rule list.
  PreparedLint Prepare(const sql::ParsedFile& file) const;
  // Runs the schema rules on the schema the files built; all findings, in file and statement order.
  Findings Finish();
  // The same findings where they were found, and in `order` their indexes in file and statement order. For a
  // caller that only reads them (the JSON of a large corpus): moving 420 000 findings into order took 0.17 s.
  Findings Finish(std::vector<std::size_t>* order);

 private:
  struct State;
  LintOptions options_;
  std::unique_ptr<State> state_;
};

// The files linted in order with one Linter.
Findings LintFiles(const std::vector<sql::ParsedFile>& files, const LintOptions& options, model::Catalog catalog = {});

}  // namespace dbarch::analyzers
