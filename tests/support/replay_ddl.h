// Test helper shared by unit and integration tests: a schema model from DDL text, replayed as dbarch loads a
// migration file (a parse error fails the calling test).
#pragma once

#include <gtest/gtest.h>

#include <string>

#include "model/catalog.h"
#include "sources/ddl_loader.h"
#include "sql/parser.h"

namespace dbarch::test_support {

inline model::Catalog ReplayDdl(const std::string& ddl) {
  model::Catalog catalog;
  auto parsed = sql::ParseString("test.sql", ddl);
  EXPECT_TRUE(parsed.ok()) << parsed.status().ToString();
  if (!parsed.ok()) return catalog;
  Diagnostics diagnostics;
  sources::DdlReplayer(&catalog).ApplyFile(*parsed, &diagnostics);
  return catalog;
}

}  // namespace dbarch::test_support
