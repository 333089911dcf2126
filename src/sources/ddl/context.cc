// ReplayContext: name resolution, locations and diagnostics for the statement being replayed.
#include <fmt/format.h>

#include "sources/ddl/replay_internal.h"

namespace dbarch::sources::ddl {

model::QualifiedName ReplayContext::ResolveRelation(const pg_query::RangeVar& rv) const {
  model::QualifiedName name = Resolve(rv);
  if (rv.schemaname().empty() && *current_schema != "public") {
    auto exists = [&](const model::QualifiedName& n) {
      return catalog->tables.count(n) || catalog->views.count(n) || catalog->sequences.count(n);
    };
    model::QualifiedName in_public{"public", rv.relname()};
    if (!exists(name) && exists(in_public)) return in_public;
  }
  return name;
}

SourceLocation ReplayContext::Where(int node_offset) const {
  SourceLocation loc = statement->location;
  if (node_offset < 0 || static_cast<std::size_t>(node_offset) >= statement->text.size()) return loc;
  // Node offsets are relative to the statement text; walk it to turn the offset into line:column.
  const std::string& text = statement->text;
  std::size_t offset = static_cast<std::size_t>(node_offset);
  std::size_t last_newline = std::string::npos;
  int newlines = 0;
  for (std::size_t i = 0; i < offset; ++i) {
    if (text[i] == '\n') {
      ++newlines;
      last_newline = i;
    }
  }
  loc.line += newlines;
  loc.column = last_newline == std::string::npos ? loc.column + static_cast<int>(offset)
                                                 : static_cast<int>(offset - last_newline);
  loc.byte_offset += offset;
  loc.length = 0;
  return loc;
}

void ReplayContext::Warn(std::string code, std::string message, int node_offset) {
  diagnostics->push_back({Severity::kWarning, Where(node_offset), std::move(code), std::move(message)});
}

void ReplayContext::Info(std::string code, std::string message, int node_offset) {
  diagnostics->push_back({Severity::kInfo, Where(node_offset), std::move(code), std::move(message)});
}

void ReplayContext::UnknownObject(std::string_view kind, std::string_view name) {
  Warn("unknown-object", fmt::format("{} {} does not exist (not created by the replayed DDL); statement ignored",
                                     kind, name));
}

model::Table* ReplayContext::FindTable(const model::QualifiedName& name, bool warn_if_missing) {
  model::Table* table = catalog->FindTable(name);
  if (!table && warn_if_missing) UnknownObject("table", name.ToString());
  return table;
}

}  // namespace dbarch::sources::ddl
