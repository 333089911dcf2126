// Orders the files of a migration folder the way the usual tools apply them, and tells up (apply) files
// from down/undo (rollback) files.
//
//   Flyway           V3__add_orders.sql, V1_2__fix.sql (= 1.2), R__views.sql (repeatable, after all
//                    versioned ones, by description), U3__add_orders.sql (undo: rollback)
//   golang-migrate   0003_add_orders.up.sql / 0003_add_orders.down.sql (rollback)
//   Rails/Django     20240131120000_add_orders.sql, 0003_add_orders.sql
//   Prisma           20240131120000_add_orders/migration.sql (the folder carries the version)
//   plain            001-init.sql, 2.sql
#pragma once

#include <string>
#include <vector>

namespace dbarch::sources {

struct MigrationFile {
  std::string path;
  std::vector<unsigned long long> version;  // numeric components; empty = unversioned
  std::string description;
  enum class Direction { kUp, kDown, kRepeatable, kUnversioned } direction = Direction::kUnversioned;
  std::string convention;  // "flyway", "golang-migrate", "timestamp", "numbered", "prisma", "plain"
};

// Classifies one path (only its name and, for Prisma, its parent folder's name are used).
MigrationFile ClassifyMigrationPath(const std::string& path);

// True when the file names of a folder look like a migration sequence (at least two versioned up files,
// or one versioned file together with a rollback file).
bool LooksLikeMigrationFolder(const std::vector<MigrationFile>& files);

// Sorts up files by version (numerically, component by component), then repeatable files by name,
// then unversioned files by name. Down files are left out; they are returned in `rollbacks`.
std::vector<MigrationFile> OrderForReplay(std::vector<MigrationFile> files, std::vector<MigrationFile>* rollbacks);

}  // namespace dbarch::sources
