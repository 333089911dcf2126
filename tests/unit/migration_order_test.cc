#include "sources/migration_order.h"

#include <gtest/gtest.h>

namespace dbarch::sources {
namespace {

std::vector<std::string> Paths(const std::vector<MigrationFile>& files) {
  std::vector<std::string> out;
  for (const auto& f : files) out.push_back(f.path);
  return out;
}

TEST(MigrationOrderTest, FlywayVersionsSortNumerically) {
  std::vector<MigrationFile> files;
  for (const char* p : {"m/V10__late.sql", "m/V2__second.sql", "m/V1_1__patch.sql", "m/V1__first.sql",
                        "m/R__views.sql", "m/U2__second.sql"}) {
    files.push_back(ClassifyMigrationPath(p));
  }
  EXPECT_TRUE(LooksLikeMigrationFolder(files));
  std::vector<MigrationFile> rollbacks;
  auto ordered = OrderForReplay(files, &rollbacks);
  EXPECT_EQ(Paths(ordered), (std::vector<std::string>{"m/V1__first.sql", "m/V1_1__patch.sql", "m/V2__second.sql",
                                                      "m/V10__late.sql", "m/R__views.sql"}));
  ASSERT_EQ(rollbacks.size(), 1u);
  EXPECT_EQ(rollbacks[0].path, "m/U2__second.sql");
  EXPECT_EQ(ordered[1].version, (std::vector<unsigned long long>{1, 1}));
  EXPECT_EQ(ordered[0].description, "first");
}

TEST(MigrationOrderTest, GolangMigrateUpAndDown) {
  auto up = ClassifyMigrationPath("db/000003_add_orders.up.sql");
  auto down = ClassifyMigrationPath("db/000003_add_orders.down.sql");
  EXPECT_EQ(up.direction, MigrationFile::Direction::kUp);
  EXPECT_EQ(down.direction, MigrationFile::Direction::kDown);
  EXPECT_EQ(up.version, (std::vector<unsigned long long>{3}));
  EXPECT_EQ(up.convention, "golang-migrate");
  EXPECT_EQ(up.description, "add orders");
}

TEST(MigrationOrderTest, TimestampsAndPrisma) {
  auto rails = ClassifyMigrationPath("db/20240131120000_create_users.sql");
  EXPECT_EQ(rails.convention, "timestamp");
  EXPECT_EQ(rails.version, (std::vector<unsigned long long>{20240131120000ULL}));
  auto prisma = ClassifyMigrationPath("prisma/migrations/20240101000000_init/migration.sql");
  EXPECT_EQ(prisma.convention, "prisma");
  EXPECT_EQ(prisma.version, (std::vector<unsigned long long>{20240101000000ULL}));
  EXPECT_EQ(prisma.path, "prisma/migrations/20240101000000_init/migration.sql");
}

TEST(MigrationOrderTest, PlainFilesAreNotAMigrationFolder) {
  std::vector<MigrationFile> files = {ClassifyMigrationPath("q/catalog.sql"), ClassifyMigrationPath("q/admin.sql")};
  EXPECT_FALSE(LooksLikeMigrationFolder(files));
  std::vector<MigrationFile> one = {ClassifyMigrationPath("q/001_init.sql"), ClassifyMigrationPath("q/notes.sql")};
  EXPECT_FALSE(LooksLikeMigrationFolder(one));
}

}  // namespace
}  // namespace dbarch::sources
