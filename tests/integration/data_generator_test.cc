// The synthetic data generator against a real PostgreSQL. Each tests/integration/datagen/<case>.sql is a
// schema; the test creates it in a fresh scratch database, fills it with GenerateData and then checks, from
// the schema model alone, that the data honours it: no foreign-key orphans, no duplicates on any unique key,
// no row breaking a CHECK, NOT VALID constraints validate, sequences are past the loaded values. Directives
// in the file's leading comments add what the case is about:
//   -- rows: t1=1000, t2=50          rows requested; the loaded count must match exactly
//   -- null_frac: t.col=0.3          requested through statistics; the loaded fraction must be within 0.05
//   -- n_distinct: t.col=7           requested through statistics; the loaded count of distinct values must match
//   -- mcv: t.col=a:0.6 b:0.3        most common values and their frequencies, requested through statistics
//   -- histogram: t.col=0 10 100     histogram bounds (equi-depth), requested through statistics
//   -- expect: <query> = <value>     a query returning one value, compared as text
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include <fmt/format.h>

#include "scratch_fixture.h"
#include "sources/ddl_loader.h"
#include "sources/project_loader.h"
#include "verify/apply_sql.h"
#include "verify/data_generator.h"

namespace dbarch::verify {
namespace {

namespace fs = std::filesystem;

const std::string kCaseDir = std::string(DBARCH_TEST_DATA_DIR) + "/integration/datagen";

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

struct CaseSpec {
  std::string sql;
  std::map<model::QualifiedName, int64_t> rows;
  model::Statistics shape;
  std::vector<std::tuple<model::QualifiedName, std::string, double>> null_fracs;
  std::vector<std::tuple<model::QualifiedName, std::string, double>> distincts;
  std::vector<std::pair<std::string, std::string>> expects;
};

model::QualifiedName TableName(const std::string& text) {
  const size_t dot = text.find('.');
  if (dot == std::string::npos) return {"public", text};
  return {text.substr(0, dot), text.substr(dot + 1)};
}

// "t.col" or "schema.t.col" → (table, column).
std::pair<model::QualifiedName, std::string> ColumnName(const std::string& text) {
  const size_t dot = text.rfind('.');
  return {TableName(text.substr(0, dot)), text.substr(dot + 1)};
}

CaseSpec ReadCase(const std::string& path) {
  CaseSpec spec;
  spec.sql = ReadFile(path);
  std::istringstream lines(spec.sql);
  std::string line;
  const std::regex directive(R"(^--\s*(rows|null_frac|n_distinct|mcv|histogram|expect):\s*(.*)$)");
  const std::regex assignment(R"(\s*([A-Za-z0-9_.]+)\s*=\s*([0-9.]+)\s*,?)");
  while (std::getline(lines, line)) {
    std::smatch m;
    if (!std::regex_match(line, m, directive)) continue;
    const std::string kind = m[1], body = m[2];
    if (kind == "mcv" || kind == "histogram") {
      const size_t eq = body.find('=');
      auto [table, column] = ColumnName(body.substr(0, eq));
      auto& stats = spec.shape.tables[table];
      stats.table = table;
      auto& cstats = stats.columns[column];
      cstats.column = column;
      std::istringstream pairs(body.substr(eq + 1));
      std::string pair;
      if (kind == "histogram") {
        while (pairs >> pair) cstats.histogram_bounds.push_back(pair);
        continue;
      }
      while (pairs >> pair) {
        const size_t colon = pair.rfind(':');
        cstats.most_common_values.push_back(pair.substr(0, colon));
        cstats.most_common_freqs.push_back(std::stod(pair.substr(colon + 1)));
      }
      continue;
    }
    if (kind == "expect") {
      const size_t eq = body.rfind(" = ");
      spec.expects.emplace_back(body.substr(0, eq), body.substr(eq + 3));
      continue;
    }
    for (auto it = std::sregex_iterator(body.begin(), body.end(), assignment); it != std::sregex_iterator(); ++it) {
      const std::string target = (*it)[1];
      const double value = std::stod((*it)[2]);
      if (kind == "rows") {
        spec.rows[TableName(target)] = static_cast<int64_t>(value);
        continue;
      }
      auto [table, column] = ColumnName(target);
      auto& stats = spec.shape.tables[table];
      stats.table = table;
      auto& cstats = stats.columns[column];
      cstats.column = column;
      if (kind == "null_frac") {
        cstats.null_frac = value;
        spec.null_fracs.emplace_back(table, column, value);
      } else {
        cstats.n_distinct = value;
        spec.distincts.emplace_back(table, column, value);
      }
    }
  }
  return spec;
}

Result<model::Catalog> CatalogOf(const std::string& name, const std::string& sql) {
  auto parsed = sql::ParseString(name, sql);
  if (!parsed.ok()) return parsed.status();
  model::Catalog catalog;
  sources::DdlReplayer replayer(&catalog);
  Diagnostics diagnostics;
  replayer.ApplyFile(parsed.value(), &diagnostics);
  return catalog;
}

std::string One(PgConnection& db, const std::string& query) {
  auto result = db.Query(query);
  EXPECT_TRUE(result.ok()) << query << "\n" << result.status().ToString();
  if (!result.ok() || result->rows() != 1) return "<no row>";
  return std::string(result->Get(0, 0));
}

std::string Columns(PgConnection& db, const std::vector<std::string>& columns, const std::string& alias = "") {
  std::string out;
  for (const auto& column : columns) out += (out.empty() ? "" : ", ") + alias + db.QuoteIdentifier(column);
  return out;
}

// Everything the schema promises, checked on the loaded data.
void CheckConstraintsHold(PgConnection& db, const model::Catalog& catalog) {
  for (const auto& [name, table] : catalog.tables) {
    if (table.kind == model::TableKind::kForeign) continue;
    for (const auto& c : table.constraints) {
      SCOPED_TRACE(name.ToString() + " constraint " + c.name);
      if (c.kind == model::ConstraintKind::kForeignKey) {
        std::string not_null, match;
        for (size_t i = 0; i < c.columns.size(); ++i) {
          not_null += fmt::format("{}c.{} IS NOT NULL", i ? " AND " : "", db.QuoteIdentifier(c.columns[i]));
          match += fmt::format("{}p.{} = c.{}", i ? " AND " : "", db.QuoteIdentifier(c.referenced_columns[i]),
                               db.QuoteIdentifier(c.columns[i]));
        }
        EXPECT_EQ(One(db, fmt::format("SELECT count(*) FROM {} c WHERE {} AND NOT EXISTS (SELECT 1 FROM {} p WHERE {})",
                                      name.ToSql(), not_null, c.referenced_table.ToSql(), match)),
                  "0")
            << "foreign-key orphans";
      } else if (c.kind == model::ConstraintKind::kPrimaryKey || c.kind == model::ConstraintKind::kUnique) {
        std::string not_null;
        for (const auto& column : c.columns) not_null += (not_null.empty() ? "" : " AND ") + db.QuoteIdentifier(column) + " IS NOT NULL";
        EXPECT_EQ(One(db, fmt::format("SELECT count(*) FROM (SELECT 1 FROM {} WHERE {} GROUP BY {} HAVING count(*) > 1) d",
                                      name.ToSql(), c.nulls_not_distinct ? "true" : not_null, Columns(db, c.columns))),
                  "0")
            << "duplicates";
      } else if (c.kind == model::ConstraintKind::kCheck) {
        EXPECT_EQ(One(db, fmt::format("SELECT count(*) FROM {} WHERE NOT ({})", name.ToSql(), c.check_expr)), "0")
            << "rows breaking CHECK (" << c.check_expr << ")";
      }
      if (c.not_valid) {
        auto validated = db.Execute(fmt::format("ALTER TABLE {} VALIDATE CONSTRAINT {}", name.ToSql(), db.QuoteIdentifier(c.name)));
        EXPECT_TRUE(validated.ok()) << validated.ToString();
      }
    }
    for (const auto& column : table.columns) {
      if (!column.not_null) continue;
      EXPECT_EQ(One(db, fmt::format("SELECT count(*) FROM {} WHERE {} IS NULL", name.ToSql(), db.QuoteIdentifier(column.name))), "0");
    }
  }
  for (const auto& [name, index] : catalog.indexes) {
    if (!index.unique || !catalog.FindTable(index.table)) continue;
    std::vector<std::string> keys;
    for (const auto& key : index.keys) keys.push_back(key.column.empty() ? "(" + key.expression + ")" : db.QuoteIdentifier(key.column));
    std::string list;
    for (const auto& key : keys) list += (list.empty() ? "" : ", ") + key;
    const std::string where = index.predicate.empty() ? "" : " WHERE " + index.predicate;
    EXPECT_EQ(One(db, fmt::format("SELECT count(*) FROM (SELECT 1 FROM {}{} GROUP BY {} HAVING count(*) > 1 AND bool_and(({}) IS NOT NULL)) d",
                                  index.table.ToSql(), where, list, "ROW(" + list + ")")),
              "0")
        << "duplicates in unique index " << name.ToString();
  }
  // Identity and serial sequences are past the loaded values: the next default never collides.
  for (const auto& [name, table] : catalog.tables) {
    for (const auto& column : table.columns) {
      if (column.identity == model::IdentityKind::kNone && !column.from_serial) continue;
      const std::string next = One(db, fmt::format("SELECT nextval(pg_get_serial_sequence({}, {})) > COALESCE((SELECT max({}) FROM {}), 0)",
                                                   db.QuoteLiteral(name.ToSql()), db.QuoteLiteral(column.name),
                                                   db.QuoteIdentifier(column.name), name.ToSql()));
      EXPECT_EQ(next, "t") << name.ToString() << "." << column.name << ": sequence not moved past the data";
    }
  }
}

class DataGeneratorCaseTest : public testing::ScratchTest, public ::testing::WithParamInterface<std::string> {};

TEST_P(DataGeneratorCaseTest, LoadsAndHonoursEveryConstraint) {
  const std::string path = kCaseDir + "/" + GetParam() + ".sql";
  CaseSpec spec = ReadCase(path);
  PgConnection db = FreshDatabase();
  Status created = ApplyScript(db, spec.sql, path);
  ASSERT_TRUE(created.ok()) << created.ToString();
  auto catalog = CatalogOf(path, spec.sql);
  ASSERT_TRUE(catalog.ok()) << catalog.status().ToString();

  DataGenerationOptions options;
  options.row_counts = spec.rows;
  options.default_rows = 2000;
  if (!spec.shape.tables.empty()) options.shape = &spec.shape;
  int64_t last_progress = -1;
  options.progress = [&](int64_t done, int64_t total) {
    EXPECT_GE(done, last_progress);
    EXPECT_LE(done, total);
    last_progress = done;
  };
  auto generated = GenerateData(*catalog, options, db);
  ASSERT_TRUE(generated.ok()) << generated.status().ToString();
  for (const auto& table : generated->tables) {
    std::string notes;
    for (const auto& note : table.notes) notes += "\n    " + note;
    std::cout << "  " << table.table.ToString() << ": " << table.rows << " rows, " << table.method << notes << "\n";
  }
  EXPECT_GT(generated->total_rows, 0);

  CheckConstraintsHold(db, *catalog);
  for (const auto& [table, rows] : spec.rows) {
    EXPECT_EQ(One(db, "SELECT count(*) FROM " + table.ToSql()), std::to_string(rows)) << table.ToString();
  }
  for (const auto& [table, column, fraction] : spec.null_fracs) {
    const double loaded = std::stod(One(db, fmt::format("SELECT avg(({} IS NULL)::int)::float8 FROM {}", db.QuoteIdentifier(column), table.ToSql())));
    EXPECT_NEAR(loaded, fraction, 0.05) << table.ToString() << "." << column;
  }
  for (const auto& [table, column, distinct] : spec.distincts) {
    EXPECT_EQ(One(db, fmt::format("SELECT count(DISTINCT {}) FROM {}", db.QuoteIdentifier(column), table.ToSql())),
              std::to_string(static_cast<int64_t>(distinct)))
        << table.ToString() << "." << column;
  }
  for (const auto& [query, value] : spec.expects) EXPECT_EQ(One(db, query), value) << query;
}

std::vector<std::string> CaseNames() {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(kCaseDir)) {
    if (entry.path().extension() == ".sql") names.push_back(entry.path().stem().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

INSTANTIATE_TEST_SUITE_P(Cases, DataGeneratorCaseTest, ::testing::ValuesIn(CaseNames()),
                         [](const auto& info) { return info.param; });

class DataGeneratorTest : public testing::ScratchTest {
 protected:
  // Creates the example's schema from its migrations (statement by statement, in migration order) and loads it.
  void LoadExample(const std::string& example) {
    sources::LoadOptions load;
    load.schema_paths = {std::string(DBARCH_SOURCE_DIR) + "/examples/" + example + "/migrations"};
    auto project = sources::LoadProject(load);
    ASSERT_TRUE(project.ok()) << project.status().ToString();
    PgConnection db = FreshDatabase();
    for (const auto& file : project->files) {
      if (file.role != "migration" && file.role != "schema") continue;
      Status applied = ApplyScript(db, ReadFile(file.path), file.path);
      ASSERT_TRUE(applied.ok()) << applied.ToString();
    }
    DataGenerationOptions options;
    options.default_rows = 3000;
    auto generated = GenerateData(project->catalog, options, db);
    ASSERT_TRUE(generated.ok()) << generated.status().ToString();
    EXPECT_GT(generated->total_rows, 10000);
    for (const auto& table : generated->tables) {
      EXPECT_GT(table.rows, 0) << table.table.ToString();
      std::cout << "  " << table.table.ToString() << ": " << table.rows << " rows, " << table.method << "\n";
    }
    CheckConstraintsHold(db, project->catalog);
  }
};

TEST_F(DataGeneratorTest, LoadsTheShopExample) { LoadExample("shop"); }
TEST_F(DataGeneratorTest, LoadsTheBookingExample) { LoadExample("booking"); }

TEST_F(DataGeneratorTest, SameSeedSameData) {
  const std::string ddl =
      "CREATE TABLE customers (id int PRIMARY KEY, email text UNIQUE NOT NULL, tier text, score numeric(6,2));"
      "CREATE TABLE orders (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, customer_id int REFERENCES customers,"
      " placed_at timestamptz NOT NULL, total numeric(10,2) CHECK (total >= 0));";
  auto catalog = CatalogOf("seed.sql", ddl);
  ASSERT_TRUE(catalog.ok());
  auto fingerprint = [&](uint64_t seed) {
    PgConnection db = FreshDatabase();
    EXPECT_TRUE(db.Execute(ddl).ok());
    DataGenerationOptions options;
    options.seed = seed;
    options.row_counts = {{{"public", "customers"}, 500}, {{"public", "orders"}, 3000}};
    EXPECT_TRUE(GenerateData(*catalog, options, db).ok());
    return One(db, "SELECT md5(string_agg(c::text, ',' ORDER BY c.id)) || md5(string_agg(o::text, ',' ORDER BY o.id)) "
                   "FROM customers c FULL JOIN orders o ON false");
  };
  const std::string first = fingerprint(7);
  EXPECT_EQ(first, fingerprint(7));
  EXPECT_NE(first, fingerprint(8));
}

TEST_F(DataGeneratorTest, LoadsGivenCsvFilesAndGeneratesTheRest) {
  const std::string ddl =
      "CREATE TABLE countries (code char(2) PRIMARY KEY, name text NOT NULL);"
      "CREATE TABLE cities (id serial PRIMARY KEY, country char(2) NOT NULL REFERENCES countries, name text NOT NULL);";
  auto catalog = CatalogOf("csv.sql", ddl);
  ASSERT_TRUE(catalog.ok());
  PgConnection db = FreshDatabase();
  ASSERT_TRUE(db.Execute(ddl).ok());
  DataGenerationOptions options;
  options.csv_files[{"public", "countries"}] = kCaseDir + "/csv/countries.csv";
  options.row_counts[{"public", "cities"}] = 1000;
  auto generated = GenerateData(*catalog, options, db);
  ASSERT_TRUE(generated.ok()) << generated.status().ToString();
  EXPECT_EQ(One(db, "SELECT count(*) FROM countries"), "4");
  EXPECT_EQ(One(db, "SELECT string_agg(DISTINCT country, ',' ORDER BY country) FROM cities"), "DE,FR,NL,PT");
  EXPECT_EQ(One(db, "SELECT name FROM countries WHERE code = 'PT'"), "Portugal, \"the\" republic");
  CheckConstraintsHold(db, *catalog);
}

TEST_F(DataGeneratorTest, ABadCsvRowIsReportedAsFileAndLine) {
  const std::string ddl = "CREATE TABLE countries (code char(2) PRIMARY KEY, population int NOT NULL);";
  auto catalog = CatalogOf("csv.sql", ddl);
  ASSERT_TRUE(catalog.ok());
  PgConnection db = FreshDatabase();
  ASSERT_TRUE(db.Execute(ddl).ok());
  DataGenerationOptions options;
  const std::string path = kCaseDir + "/csv/bad_population.csv";
  options.csv_files[{"public", "countries"}] = path;
  auto generated = GenerateData(*catalog, options, db);
  ASSERT_FALSE(generated.ok());
  EXPECT_EQ(generated.status().location()->ToString(), path + ":4");
  EXPECT_NE(generated.status().message().find("invalid input syntax for type integer"), std::string::npos)
      << generated.status().message();
}

}  // namespace
}  // namespace dbarch::verify
