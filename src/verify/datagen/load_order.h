// The order tables are loaded in so that every foreign key finds its parent rows: parents before children
// (a topological sort of the FK graph). Foreign-key cycles (strongly connected components) are loaded as one
// step, with the FKs that point "forward" inside the cycle broken in the cheapest way the schema allows:
//   deferrable FK     → the step runs in one transaction with SET CONSTRAINTS ALL DEFERRED;
//   nullable FK       → the rows are loaded with NULL there and the values are written by an UPDATE once the
//                       parent is loaded;
//   NOT NULL and not deferrable (no INSERT order can satisfy it) → the rows are loaded with the FK's trigger
//                       disabled (session_replication_role = replica); the values are valid by construction.
// A table's reference to itself needs none of this: one COPY statement checks FKs at its end.
#pragma once

#include <string>
#include <vector>

#include "model/catalog.h"

namespace dbarch::verify::datagen {

enum class CycleBreak { kDeferred, kNullThenUpdate, kTriggersOff };

struct BrokenForeignKey {
  model::QualifiedName table;
  std::string constraint;
  CycleBreak how = CycleBreak::kDeferred;
};

struct LoadStep {
  std::vector<model::QualifiedName> tables;  // in load order; more than one when they form a cycle
  std::vector<BrokenForeignKey> broken;
  bool deferred() const;                     // any broken FK is deferrable
};

// Tables that receive rows of their own: ordinary and partitioned tables that are not partitions (rows
// reach partitions through their root) and not foreign or temporary.
bool IsLoadable(const model::Table& table);

// The table a FK's referenced name loads through (a partition's root), or the name itself.
model::QualifiedName LoadedThrough(const model::Catalog& catalog, const model::QualifiedName& table);

// Deterministic for a given catalog: ties are broken by table name.
std::vector<LoadStep> PlanLoadOrder(const model::Catalog& catalog);

std::string_view CycleBreakName(CycleBreak how);

}  // namespace dbarch::verify::datagen
