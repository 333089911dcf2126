#include "verify/datagen/load_order.h"

#include <algorithm>
#include <functional>
#include <map>
#include <set>
#include <tuple>

namespace dbarch::verify::datagen {
namespace {

using model::QualifiedName;

bool AllNullable(const model::Table& table, const model::Constraint& fk) {
  for (const auto& column : fk.columns) {
    const model::Column* c = table.FindColumn(column);
    if (c == nullptr || c->not_null) return false;
  }
  return true;
}

CycleBreak CheapestBreak(const model::Table& table, const model::Constraint& fk) {
  if (fk.deferrable) return CycleBreak::kDeferred;
  if (AllNullable(table, fk)) return CycleBreak::kNullThenUpdate;
  return CycleBreak::kTriggersOff;
}

// Tarjan's strongly connected components over child → parent edges; components come out parents first.
class Components {
 public:
  explicit Components(const std::map<QualifiedName, std::set<QualifiedName>>& parents) : parents_(parents) {
    for (const auto& [table, unused] : parents_) {
      if (!index_.count(table)) Visit(table);
    }
  }
  std::vector<std::vector<QualifiedName>> result;

 private:
  void Visit(const QualifiedName& table) {
    index_[table] = low_[table] = counter_++;
    stack_.push_back(table);
    on_stack_.insert(table);
    for (const auto& parent : parents_.at(table)) {
      if (!index_.count(parent)) {
        Visit(parent);
        low_[table] = std::min(low_[table], low_[parent]);
      } else if (on_stack_.count(parent)) {
        low_[table] = std::min(low_[table], index_[parent]);
      }
    }
    if (low_[table] == index_[table]) {
      std::vector<QualifiedName> component;
      QualifiedName member;
      do {
        member = stack_.back();
        stack_.pop_back();
        on_stack_.erase(member);
        component.push_back(member);
      } while (member != table);
      std::sort(component.begin(), component.end());
      result.push_back(std::move(component));
    }
  }

  const std::map<QualifiedName, std::set<QualifiedName>>& parents_;
  std::map<QualifiedName, int> index_, low_;
  std::vector<QualifiedName> stack_;
  std::set<QualifiedName> on_stack_;
  int counter_ = 0;
};

}  // namespace

bool LoadStep::deferred() const {
  return std::any_of(broken.begin(), broken.end(), [](const BrokenForeignKey& b) { return b.how == CycleBreak::kDeferred; });
}

bool IsLoadable(const model::Table& table) {
  return !table.partition_of && table.kind != model::TableKind::kForeign && !table.temporary;
}

QualifiedName LoadedThrough(const model::Catalog& catalog, const QualifiedName& table) {
  QualifiedName current = table;
  for (int depth = 0; depth < 16; ++depth) {
    const model::Table* t = catalog.FindTable(current);
    if (t == nullptr || !t->partition_of) return current;
    current = *t->partition_of;
  }
  return current;
}

std::string_view CycleBreakName(CycleBreak how) {
  switch (how) {
    case CycleBreak::kDeferred: return "deferred";
    case CycleBreak::kNullThenUpdate: return "null-then-update";
    case CycleBreak::kTriggersOff: return "triggers-off";
  }
  return "";
}

std::vector<LoadStep> PlanLoadOrder(const model::Catalog& catalog) {
  std::map<QualifiedName, std::set<QualifiedName>> parents;
  for (const auto& [name, table] : catalog.tables) {
    if (!IsLoadable(table)) continue;
    auto& mine = parents[name];
    for (const auto& c : table.constraints) {
      if (c.kind != model::ConstraintKind::kForeignKey) continue;
      QualifiedName parent = LoadedThrough(catalog, c.referenced_table);
      const model::Table* p = catalog.FindTable(parent);
      if (parent == name || p == nullptr || !IsLoadable(*p)) continue;
      mine.insert(parent);
    }
  }
  Components components(parents);

  std::vector<LoadStep> steps;
  for (const auto& component : components.result) {
    LoadStep step;
    if (component.size() == 1) {
      step.tables = component;
      steps.push_back(std::move(step));
      continue;
    }
    // Inside a cycle: load next the table whose FKs to not-yet-loaded members are cheapest to break.
    std::set<QualifiedName> pending(component.begin(), component.end());
    auto cost = [&](const QualifiedName& name) {
      const model::Table& table = *catalog.FindTable(name);
      // Triggers off is the last resort, an UPDATE afterwards costs a pass over the table, deferring is free.
      int hard = 0, update = 0, deferred = 0;
      for (const auto& c : table.constraints) {
        if (c.kind != model::ConstraintKind::kForeignKey) continue;
        QualifiedName parent = LoadedThrough(catalog, c.referenced_table);
        if (parent == name || !pending.count(parent)) continue;
        switch (CheapestBreak(table, c)) {
          case CycleBreak::kTriggersOff: ++hard; break;
          case CycleBreak::kNullThenUpdate: ++update; break;
          case CycleBreak::kDeferred: ++deferred; break;
        }
      }
      return std::make_tuple(hard, update, deferred);
    };
    while (!pending.empty()) {
      QualifiedName best = *pending.begin();
      auto best_cost = cost(best);
      for (const auto& name : pending) {
        auto c = cost(name);
        if (c < best_cost) {
          best = name;
          best_cost = c;
        }
      }
      const model::Table& table = *catalog.FindTable(best);
      for (const auto& c : table.constraints) {
        if (c.kind != model::ConstraintKind::kForeignKey) continue;
        QualifiedName parent = LoadedThrough(catalog, c.referenced_table);
        if (parent == best || !pending.count(parent)) continue;
        step.broken.push_back({best, c.name, CheapestBreak(table, c)});
      }
      step.tables.push_back(best);
      pending.erase(best);
    }
    steps.push_back(std::move(step));
  }
  return steps;
}

}  // namespace dbarch::verify::datagen
