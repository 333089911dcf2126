// The SQL front-end: PostgreSQL's own parser (libpg_query) behind a small interface.
//
// ParseFile splits a file into statements and parses each into libpg_query's typed parse tree
// (pg_query::Node, C++ classes generated from pg_query.proto). psql meta-commands (\connect, \i, \set …)
// and the data blocks of `COPY … FROM stdin` are recognised with PostgreSQL's scanner and kept out of the
// statements, so pg_dump output and psql scripts load; dollar-quoted bodies are handled by the scanner.
//
// Why protobuf and not JSON: on a 1.7 MB pg_dump-style file (12 000 statements) libpg_query produced
// JSON in ~310 ms but nlohmann::json needed ~450-600 ms to decode it, while protobuf took ~400 ms to
// produce and ~20 ms to decode — and the typed classes are safer to walk (see docs/design/parser.md).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "dbarch/diagnostic.h"
#include "dbarch/location.h"
#include "dbarch/status.h"
#include "pg_query.pb.h"
#include "sql/source_text.h"

namespace dbarch::sql {

struct Statement {
  SourceLocation location;  // where the statement starts (after leading whitespace/comments) and its length
  std::string text;         // the statement's text, without the terminating semicolon
  std::vector<std::string> leading_comments;  // `--` comment lines directly above, e.g. "calls: 200"
  pg_query::Node node;      // the parsed statement (RawStmt.stmt)
  // Nodes' `location` fields are byte offsets into the text libpg_query parsed, which starts this many bytes
  // before `text` when the whole file was parsed in one call (rebasing every node of every statement was 5 %
  // of a large lint run). Read them through NodeOffset.
  int node_location_base = 0;

  pg_query::Node* mutable_node();
  // A node's location as an offset into `text`; -1 (unknown) and 0 (never set) stay as they are.
  int NodeOffset(int location) const {
    return location >= node_location_base ? location - node_location_base : location;
  }
};

// A psql meta-command line found between statements, e.g. "\connect shop" or "\i other.sql".
struct MetaCommand {
  SourceLocation location;
  std::string command;   // "connect", "i", "ir", "set", …
  std::string argument;  // the rest of the line, trimmed
};

struct ParsedFile {
  std::shared_ptr<const SourceText> source;
  std::vector<Statement> statements;
  std::vector<MetaCommand> meta_commands;
  Diagnostics diagnostics;  // non-fatal notes (e.g. skipped COPY data)
};

// Parses all statements of a file. A syntax error fails the whole file with a Status whose location
// points at the offending token and whose message holds the source line and a caret.
Result<ParsedFile> ParseSource(std::shared_ptr<const SourceText> source);
Result<ParsedFile> ParseFile(const std::string& path);
Result<ParsedFile> ParseString(std::string name, std::string content);

// Parses a single statement (text must hold exactly one). Used for expressions re-parsed by analyzers.
Result<pg_query::Node> ParseOne(std::string_view text);

// libpg_query's fingerprint of a statement, as 16 hex digits: equal for queries that differ only in
// constants, parameter numbering or whitespace.
Result<std::string> Fingerprint(std::string_view text);
// The statement with constants replaced by $n placeholders.
Result<std::string> Normalize(std::string_view text);
// Turns a parse tree back into SQL text (libpg_query's deparser). For expressions, pass a statement.
Result<std::string> Deparse(const pg_query::Node& statement);

}  // namespace dbarch::sql

namespace dbarch::sql {
// Deparses an expression node (a default, a CHECK, an index predicate) to canonical SQL text by wrapping it
// in a SELECT and deparsing that. Returns "" for an empty node.
std::string DeparseExpr(const pg_query::Node& expr);
}  // namespace dbarch::sql
