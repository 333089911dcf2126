// Application code that builds SQL text out of strings and values — `"… WHERE id = " + id`, f-strings,
// template literals, `%`/`.format()`/`Sprintf`/`String.format` formatting, Ruby and PHP interpolation — and
// hands it to a query call (`cursor.execute`, `pool.query`, `db.Query`, `executeQuery`, `find_by_sql`,
// `mysqli_query`, …): the classic SQL-injection hole. Each finding names the call (file:line:column), how
// the SQL was built, the expressions spliced in, and the same call written with placeholders in the
// driver's convention, whose SQL is checked with PostgreSQL's parser.
//
// Python, JavaScript/TypeScript, Go, Java, Ruby and PHP are read with a lexer per language that knows its
// string literal forms and comments, so SQL in comments is ignored and parentheses inside strings do not
// confuse call matching. The SQL argument may be built in place or in a variable assigned earlier in the
// same file (`sql = "SELECT …" + x` … `cur.execute(sql)`, including later `sql += …` appends).
// Not findings: literals concatenated with literals or with ALL_CAPS constants, placeholders already used,
// tagged templates (`sql\`…${x}\``, Prisma's `$queryRaw\`…\``), which the libraries turn into parameters.
// docs/security-code-scan.md describes the rules and their limits.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "dbarch/location.h"

namespace dbarch::analyzers::security {

struct InjectionFinding {
  SourceLocation location;   // file:line:column of the query call (its receiver, or the function name)
  std::string language;      // python, javascript, typescript, go, java, ruby, php
  std::string call;          // the query call as written: "cursor.execute", "db.Query", "$pdo->query", …
  std::string construction;  // "f-string", "concatenation", "template literal", "% formatting", ".format()",
                             // "fmt.Sprintf", "String.format", "string interpolation", "sprintf", …
  std::string via_variable;  // the variable the SQL was built in before the call, "" when built in place
  std::string snippet;       // the call as written, on one line, at most ~160 characters
  std::vector<std::string> interpolated;  // the expressions spliced into the SQL text, in order
  // The same call with placeholders and the values passed separately, in the driver's convention: %s
  // (Python DB-API), ? (sqlite3, JDBC, PDO, mysql drivers, GORM, knex, ActiveRecord), $1 (Go pq/pgx,
  // node-postgres, Ruby pg, PHP pg_query_params), :name (SQLAlchemy text()), ?1 (JPA).
  std::string parameterized;
  // What the placeholders cannot fix: an identifier (table, column, sort direction) spliced where SQL takes
  // no parameter must be checked against an allowed list or quoted by the driver. "" when nothing is left.
  std::string note;
  bool sql_parses = false;   // the parameterized SQL (placeholders as $n) parses with libpg_query
  std::string parse_error;   // libpg_query's message when it does not
};

struct CodeScanOptions {
  std::vector<std::string> exclude_dirs = {"node_modules", "vendor", ".git", "venv", ".venv", "dist", "build"};
  std::size_t max_file_bytes = 2 * 1024 * 1024;
};

struct CodeScanResult {
  std::vector<InjectionFinding> findings;  // sorted by file, line, column
  std::size_t files_scanned = 0;
  std::vector<std::string> notes;          // unreadable files, skipped large files
};

// Walks `paths` (files or directories) and scans files ending in .py .js .mjs .cjs .ts .tsx .go .java .rb .php;
// a file named explicitly is scanned whatever its extension when its language can be told from it.
CodeScanResult ScanApplicationCode(const std::vector<std::string>& paths, const CodeScanOptions& options = {});

// Scans one source text (for tests and the fuzzer); `language` as in InjectionFinding.
std::vector<InjectionFinding> ScanSource(const std::string& file, const std::string& text, const std::string& language);

// The language of a file from its extension ("" when it is not one the scan reads).
std::string LanguageOfFile(const std::string& path);

}  // namespace dbarch::analyzers::security

#include "dbarch/finding.h"

namespace dbarch::analyzers::security {

// The findings as `security/sql-injection-in-code` Findings for `dbarch security` and the report: the call's
// location, what was spliced and how, and the parameterized call as the fix (in the evidence, since it is
// application code, not SQL).
Findings InjectionFindingsAsFindings(const std::vector<InjectionFinding>& findings);

}  // namespace dbarch::analyzers::security
