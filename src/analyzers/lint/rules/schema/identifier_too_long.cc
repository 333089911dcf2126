// schema/identifier-too-long: a name longer than 63 bytes (NAMEDATALEN - 1). PostgreSQL truncates it with only a
// NOTICE, so the object gets a different name than the migration wrote, and two long names sharing their first 63
// bytes collide.
#include <algorithm>
#include <cctype>
#include <fmt/format.h>

#include "analyzers/lint/rules/rule_helpers.h"

namespace dbarch::analyzers::lint {
namespace {

constexpr size_t kMaxIdentifier = 63;

bool IdentifierByte(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '$' || static_cast<unsigned char>(c) >= 0x80;
}

// The parser (PostgreSQL's own scanner) already truncated the name in the tree, so a 63-byte name is looked up in
// the statement's text: followed there by more identifier bytes, it was longer as written.
bool WasTruncated(const std::string& name, const std::string& text) {
  if (name.size() != kMaxIdentifier) return false;
  auto lower = [](std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
  };
  const std::string haystack = lower(text), needle = lower(name);
  for (size_t at = haystack.find(needle); at != std::string::npos; at = haystack.find(needle, at + 1)) {
    const size_t end = at + needle.size();
    if (end < haystack.size() && IdentifierByte(haystack[end])) return true;
  }
  return false;
}

void Check(const LintRule& self, const StatementContext& context, Findings* out) {
  const pg_query::Node& node = context.statement.node;
  std::vector<std::pair<std::string, std::string>> names;  // (kind, name)
  if (node.has_create_stmt()) {
    names.push_back({"table", node.create_stmt().relation().relname()});
    for (const auto& element : node.create_stmt().table_elts()) {
      if (element.has_column_def()) names.push_back({"column", element.column_def().colname()});
      if (element.has_constraint()) names.push_back({"constraint", element.constraint().conname()});
    }
  } else if (node.has_index_stmt()) {
    names.push_back({"index", node.index_stmt().idxname()});
  } else if (node.has_view_stmt()) {
    names.push_back({"view", node.view_stmt().view().relname()});
  } else if (node.has_rename_stmt()) {
    names.push_back({"new name", node.rename_stmt().newname()});
  }
  for (const auto* command : AlterTableCommands(node)) {
    if (command->def().has_column_def()) names.push_back({"column", command->def().column_def().colname()});
    if (command->def().has_constraint()) names.push_back({"constraint", command->def().constraint().conname()});
  }
  for (const auto& [kind, name] : names) {
    if (!WasTruncated(name, context.statement.text)) continue;
    Finding f = self.NewFinding(context, name,
                                fmt::format("The {} name is longer than {} bytes: PostgreSQL silently truncates it to "
                                            "\"{}\".",
                                            kind, kMaxIdentifier, name));
    f.explanation = "Identifiers are limited to NAMEDATALEN - 1 = 63 bytes. The truncated name is what the catalog, "
                    "error messages and later migrations see; a second long name with the same first 63 bytes then "
                    "fails with \"already exists\". Choose a shorter name.";
    out->push_back(std::move(f));
  }
}

}  // namespace

const LintRule& IdentifierTooLongRule() {
  static const LintRule kRule{"schema/identifier-too-long", "Identifier longer than 63 bytes (silently truncated)",
                              Severity::kWarning, &Check};
  return kRule;
}

}  // namespace dbarch::analyzers::lint
