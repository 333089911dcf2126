#include "sources/workload/scope.h"

namespace dbarch::sources::workload {

const DerivedColumn* RangeEntry::FindColumn(const std::string& column) const {
  for (const auto& c : output.columns) {
    if (c.name == column) return &c;
  }
  return nullptr;
}

void Scope::UpdateCte(const std::string& name, OutputColumns output) {
  for (auto& [cte_name, cte_output] : ctes_) {
    if (cte_name == name) cte_output = std::move(output);
  }
}

const OutputColumns* Scope::FindCte(const std::string& name) const {
  for (const Scope* s = this; s != nullptr; s = s->parent_) {
    // A later CTE of the same WITH shadows nothing: names are unique per WITH, first match is it.
    for (const auto& [cte_name, output] : s->ctes_) {
      if (cte_name == name) return &output;
    }
  }
  return nullptr;
}

const RangeEntry* Scope::FindEntry(const std::string& schema, const std::string& name) const {
  bool include_entries = true;
  for (const Scope* s = this; s != nullptr; s = s->parent_) {
    if (include_entries) {
      for (const auto& entry : s->entries_) {
        if (entry.name != name) continue;
        // `public.orders.id` must name the relation itself, not an alias that happens to be "orders".
        if (!schema.empty() && (entry.kind == RangeEntry::Kind::kDerived || entry.relation.schema != schema)) {
          continue;
        }
        return &entry;
      }
    }
    include_entries = !s->hide_parent_entries_;
  }
  return nullptr;
}

std::optional<ColumnLookup> Scope::LookupUnqualifiedHere(const std::string& column, bool include_entries) const {
  if (!include_entries) return std::nullopt;
  for (const auto& merged : merged_) {
    if (merged.name == column) {
      ColumnLookup found{ColumnLookup::Outcome::kFound};
      found.column = &merged;
      return found;
    }
  }
  ColumnLookup result;
  bool unchecked = false;
  for (const auto& entry : entries_) {
    if (!entry.columns_known()) {
      unchecked = true;
      continue;
    }
    if (const DerivedColumn* c = entry.FindColumn(column)) {
      if (result.outcome == ColumnLookup::Outcome::kFound || result.outcome == ColumnLookup::Outcome::kAmbiguous) {
        if (result.outcome == ColumnLookup::Outcome::kFound) result.candidates.push_back(result.entry->name);
        result.outcome = ColumnLookup::Outcome::kAmbiguous;
        result.candidates.push_back(entry.name);
      } else {
        result.outcome = ColumnLookup::Outcome::kFound;
        result.entry = &entry;
        result.column = c;
      }
    }
  }
  if (result.outcome == ColumnLookup::Outcome::kFound || result.outcome == ColumnLookup::Outcome::kAmbiguous) {
    return result;
  }
  if (unchecked) return ColumnLookup{ColumnLookup::Outcome::kUnchecked};
  return std::nullopt;
}

ColumnLookup Scope::LookupColumn(const std::string& schema, const std::string& relation,
                                 const std::string& column) const {
  if (!relation.empty()) {
    const RangeEntry* entry = FindEntry(schema, relation);
    if (entry == nullptr) return ColumnLookup{ColumnLookup::Outcome::kNoSuchRelation};
    ColumnLookup result;
    result.entry = entry;
    if (!entry->columns_known()) {
      result.outcome = ColumnLookup::Outcome::kUnchecked;
    } else if ((result.column = entry->FindColumn(column)) != nullptr) {
      result.outcome = ColumnLookup::Outcome::kFound;
    } else {
      result.outcome = ColumnLookup::Outcome::kNoSuchColumn;
    }
    return result;
  }
  bool include_entries = true;
  for (const Scope* s = this; s != nullptr; s = s->parent_) {
    if (auto found = s->LookupUnqualifiedHere(column, include_entries)) return *found;
    include_entries = !s->hide_parent_entries_;
  }
  if (const RangeEntry* entry = FindEntry("", column)) {
    ColumnLookup whole_row{ColumnLookup::Outcome::kWholeRow};
    whole_row.entry = entry;
    return whole_row;
  }
  return ColumnLookup{ColumnLookup::Outcome::kNoSuchColumn};
}

}  // namespace dbarch::sources::workload
