// schema/inconsistent-naming: tables that break the naming style most of the schema follows — mixed-case (quoted)
// names among snake_case ones, singular table names among plural ones (or the reverse), and primary keys named
// `<table>_id` among tables that call theirs `id` (or the reverse). Each deviation is a name every query writer
// has to remember; the majority style is the convention.
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <functional>
#include <map>
#include <optional>

#include "analyzers/lint/rules/rule_helpers.h"

namespace dbarch::analyzers::lint {
namespace {

constexpr size_t kMinTables = 4;  // below this there is no convention to break

bool MixedCase(const std::string& name) {
  for (unsigned char c : name)
    if (std::isupper(c)) return true;
  return false;
}

// The last word of a snake_case name judged plural by its ending (users, categories, orders) or singular (user,
// address, bonus); nullopt for words that read either way (status, series, news, data).
std::optional<bool> Plural(const std::string& name) {
  const std::string word = name.substr(name.rfind('_') == std::string::npos ? 0 : name.rfind('_') + 1);
  auto ends = [&](const std::string& suffix) {
    return word.size() >= suffix.size() && word.compare(word.size() - suffix.size(), std::string::npos, suffix) == 0;
  };
  for (const char* either : {"status", "series", "news", "data", "info", "media", "metadata"})
    if (ends(either)) return std::nullopt;
  if (word.size() < 3) return std::nullopt;
  if (ends("ss") || ends("us") || ends("is")) return false;
  return word.back() == 's' || word.back() == 'S';
}

struct Style {
  std::string name;  // "snake_case", "plural", "id"
  std::function<std::optional<bool>(const model::Table&)> follows;  // nullopt: not applicable to this table
  std::string yes, no;                                               // how each side reads in the message
};

void CheckSchema(const LintRule& self, const model::Catalog& catalog, Findings* out) {
  std::vector<const model::Table*> tables;
  for (const auto& [name, table] : catalog.tables)
    if (!table.partition_of && !table.temporary) tables.push_back(&table);
  if (tables.size() < kMinTables) return;
  const std::vector<Style> styles = {
      {"case", [](const model::Table& t) -> std::optional<bool> { return !MixedCase(t.name.name); },
       "lower-case snake_case", "mixed-case (it must be double-quoted in every query)"},
      {"number", [](const model::Table& t) { return Plural(t.name.name); },
       "plural", "singular"},
      {"key", [](const model::Table& t) -> std::optional<bool> {
         const model::Constraint* pk = t.PrimaryKey();
         if (!pk || pk->columns.size() != 1) return std::nullopt;
         if (pk->columns[0] == "id") return true;
         if (pk->columns[0].size() > 3 && pk->columns[0].compare(pk->columns[0].size() - 3, 3, "_id") == 0) return false;
         return std::nullopt;
       },
       "primary key `id`", "primary key `<table>_id`"}};
  for (const Style& style : styles) {
    size_t yes = 0, no = 0;
    for (const model::Table* t : tables) {
      if (auto follows = style.follows(*t)) ++(*follows ? yes : no);
    }
    if (yes == no || std::min(yes, no) == 0) continue;  // no majority, or nothing deviates
    const bool majority = yes > no;
    for (const model::Table* t : tables) {
      auto follows = style.follows(*t);
      if (!follows || *follows == majority) continue;
      Finding f;
      f.rule_id = std::string(self.id);
      f.severity = self.severity;
      f.location = t->location;
      f.object = t->name.ToString();
      f.message = fmt::format("Table {} is {} while {} of the schema's {} tables are {}.", t->name.ToString(),
                              majority ? style.no : style.yes, std::max(yes, no), yes + no,
                              majority ? style.yes : style.no);
      f.explanation = "One naming convention lets people (and ORMs) guess names instead of looking them up; every "
                      "exception is a bug waiting in a hand-written query. Rename while the table is new (ALTER "
                      "TABLE … RENAME, plus the code), or record the exception with a suppression comment.";
      out->push_back(std::move(f));
    }
  }
}

}  // namespace

const LintRule& InconsistentNamingRule() {
  static const LintRule kRule{"schema/inconsistent-naming",
                              "Table named against the schema's majority style (case, plural/singular, key name)",
                              Severity::kInfo, nullptr, &CheckSchema};
  return kRule;
}

}  // namespace dbarch::analyzers::lint
