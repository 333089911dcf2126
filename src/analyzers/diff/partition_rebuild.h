// A partitioned table whose partition key or strategy changes cannot be altered in place: PostgreSQL has no
// ALTER TABLE … PARTITION BY. The diff planner rebuilds it:
//   1. create:  the target table under a temporary name (`<name>_dbnew`), with its partitions, keys, checks,
//               indexes and comments, every name that must be unique in the schema (tables, indexes, the
//               indexes behind PRIMARY KEY/UNIQUE/EXCLUDE) suffixed the same way — empty, so instant;
//   2. copy:    INSERT INTO the new table SELECT the shared columns FROM the old one (reads under ACCESS SHARE:
//               the application keeps working; rows written after the copy are not in it);
//   3. swap:    in one transaction, the old table, its partitions, keys and indexes renamed aside
//               (`<name>_dbold`), the new ones renamed to the final names (ACCESS EXCLUSIVE on both, catalog
//               only: brief);
//   4. drop:    the old table and its partitions.
// Each step's rollback is the mirror image: the drop's recreates the old table under its `_dbold` names and
// copies the rows back from the new one, the swap's renames back, the create's drops the new table.
//
// Refused (the reason is returned) when something outside the table would have to move with it: foreign keys
// referencing it, views reading it, triggers, policies, grants, inheritance, sub-partitions, identity or
// serial columns (their sequences belong to the old table), columns the target drops (their values would be
// lost) or new NOT NULL columns without a default (the copy could not fill them).
#pragma once

#include <string>
#include <vector>

#include "model/catalog.h"

namespace dbarch::analyzers::diff {

struct PartitionRebuild {
  std::vector<model::QualifiedName> tables;  // the table and its partitions on both sides (planned here only)
  std::string refused;                       // why the rebuild is not planned ("" when it is)
  std::string create_sql, create_down_sql;
  std::string copy_sql;
  std::string swap_sql, swap_down_sql;
  std::string drop_sql, drop_down_sql;
};

// The rebuild of `table`, partitioned in both `from` and `to` with another strategy or key.
PartitionRebuild PlanPartitionRebuild(const model::Catalog& from, const model::Catalog& to,
                                      const model::QualifiedName& table);

}  // namespace dbarch::analyzers::diff
