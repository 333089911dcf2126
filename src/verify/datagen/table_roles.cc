#include "verify/datagen/table_roles.h"

#include <algorithm>
#include <set>

namespace dbarch::verify::datagen {
namespace {

bool EndsWith(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

bool NameSaysLookup(std::string_view name) {
  static const char* const kSuffixes[] = {"_types", "_type", "_statuses", "_status", "_kinds", "_kind",
                                          "_codes", "_levels", "_categories_lookup"};
  for (const char* suffix : kSuffixes) {
    if (EndsWith(name, suffix)) return true;
  }
  static const std::set<std::string_view> kNames = {
      "countries", "country", "currencies", "currency", "languages", "language", "locales", "timezones",
      "time_zones", "regions", "states", "statuses", "status", "types", "units", "plans", "roles",
      "permissions", "tax_rates", "genders", "priorities", "channels"};
  return kNames.count(name) > 0;
}

bool NameSaysEvent(std::string_view name) {
  static const char* const kParts[] = {"event", "log", "audit", "history", "activity", "activities",
                                       "notification", "tracking", "metric", "click", "pageview", "impression",
                                       "message", "journal", "ledger", "snapshot", "measurement"};
  for (const char* part : kParts) {
    if (name.find(part) != std::string_view::npos) return true;
  }
  return false;
}

}  // namespace

TableRole ClassifyTable(const model::Catalog& catalog, const model::Table& table) {
  int referenced_by = 0;
  for (const auto& [name, other] : catalog.tables) {
    for (const auto& c : other.constraints) {
      if (c.kind == model::ConstraintKind::kForeignKey && c.referenced_table == table.name && name != table.name) {
        ++referenced_by;
      }
    }
  }
  int foreign_keys = 0;
  std::set<std::string> fk_columns;
  for (const auto& c : table.constraints) {
    if (c.kind != model::ConstraintKind::kForeignKey) continue;
    ++foreign_keys;
    fk_columns.insert(c.columns.begin(), c.columns.end());
  }
  bool has_timestamp = false;
  for (const auto& column : table.columns) {
    if (column.type.name.rfind("timestamp", 0) == 0) has_timestamp = true;
  }
  const std::string& name = table.name.name;

  if (NameSaysLookup(name) || (table.columns.size() <= 4 && referenced_by > 0 && foreign_keys == 0 &&
                               !has_timestamp)) {
    return TableRole::kLookup;
  }
  if (NameSaysEvent(name) || (table.kind == model::TableKind::kPartitioned && has_timestamp)) {
    return TableRole::kEvent;
  }
  if (const model::Constraint* pk = table.PrimaryKey()) {
    const bool all_fk = pk->columns.size() >= 2 &&
                        std::all_of(pk->columns.begin(), pk->columns.end(),
                                    [&](const std::string& c) { return fk_columns.count(c) > 0; });
    if (all_fk) return TableRole::kLink;
  }
  if (foreign_keys >= 2 && table.columns.size() <= 4) return TableRole::kLink;
  return TableRole::kEntity;
}

int64_t DefaultRowCount(TableRole role, int64_t default_rows) {
  switch (role) {
    case TableRole::kLookup: return std::clamp<int64_t>(default_rows / 100, 5, 200);
    case TableRole::kEntity: return default_rows;
    case TableRole::kLink: return default_rows * 2;
    case TableRole::kEvent: return default_rows * 5;
  }
  return default_rows;
}

std::string_view TableRoleName(TableRole role) {
  switch (role) {
    case TableRole::kLookup: return "lookup";
    case TableRole::kEntity: return "entity";
    case TableRole::kLink: return "link";
    case TableRole::kEvent: return "event";
  }
  return "";
}

}  // namespace dbarch::verify::datagen
