// The report renderers on a hand-built Report: customers 1—N orders 1—N order_items, a finding with a
// fix, a query, a migration step and advice. The table and comment names carry markup so escaping is
// exercised in every format.
#include <cstdlib>
#include <regex>
#include <sstream>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "report/report.h"

namespace dbarch::report {
namespace {

model::QualifiedName Name(std::string name) { return model::QualifiedName{"public", std::move(name)}; }

model::Column Col(std::string name, std::string type, bool not_null) {
  model::Column c;
  c.name = std::move(name);
  c.type.name = std::move(type);
  c.not_null = not_null;
  return c;
}

analyzers::ErAttribute Attr(std::string name, std::string type, bool pk, bool fk, bool nullable) {
  return analyzers::ErAttribute{std::move(name), std::move(type), pk, fk, false, nullable};
}

Report SampleReport() {
  Report r;
  r.version = "9.9.9";
  r.inputs.project_name = "shop";
  r.inputs.files = {{"migrations/V1__init.sql", "migration", "Flyway version 1"},
                    {"queries/orders.sql", "workload", "1 statement"}};
  r.inputs.has_workload = true;

  model::Table customers;
  customers.name = Name("customers");
  customers.columns = {Col("id", "bigint", true), Col("email", "character varying", true)};
  customers.columns[0].identity = model::IdentityKind::kAlways;
  customers.columns[1].type.modifiers = {"255"};
  customers.constraints.push_back({.name = "customers_pkey", .kind = model::ConstraintKind::kPrimaryKey,
                                   .columns = {"id"}});
  model::Table orders;
  orders.name = Name("orders");
  orders.comment = "<script>alert(1)</script> orders | placed";
  orders.columns = {Col("id", "bigint", true), Col("customer_id", "bigint", false),
                    Col("created_at", "timestamp with time zone", true)};
  orders.columns[2].default_expr = "now()";
  orders.constraints.push_back({.name = "orders_pkey", .kind = model::ConstraintKind::kPrimaryKey, .columns = {"id"}});
  model::Constraint fk{.name = "orders_customer_id_fkey", .kind = model::ConstraintKind::kForeignKey,
                       .columns = {"customer_id"}};
  fk.referenced_table = Name("customers");
  fk.referenced_columns = {"id"};
  fk.on_delete = model::ReferentialAction::kCascade;
  orders.constraints.push_back(fk);
  model::Table items;
  items.name = Name("<script>items");
  items.columns = {Col("order_id", "bigint", true), Col("line", "integer", true)};
  model::Constraint items_fk{.name = "items_order_id_fkey", .kind = model::ConstraintKind::kForeignKey,
                             .columns = {"order_id"}};
  items_fk.referenced_table = Name("orders");
  items_fk.referenced_columns = {"id"};
  items.constraints.push_back(items_fk);
  for (auto* t : {&customers, &orders, &items}) r.catalog.tables[t->name] = *t;

  model::Index pkey;
  pkey.name = Name("orders_pkey");
  pkey.table = Name("orders");
  pkey.unique = pkey.primary = true;
  pkey.constraint_name = "orders_pkey";
  pkey.keys = {{.column = "id"}};
  r.catalog.indexes[pkey.name] = pkey;
  model::Index created;
  created.name = Name("orders_created_at_idx");
  created.table = Name("orders");
  created.keys = {{.column = "created_at", .descending = true}};
  r.catalog.indexes[created.name] = created;

  Finding f;
  f.rule_id = "schema/unindexed-foreign-key";
  f.severity = Severity::kWarning;
  f.location = SourceLocation{"migrations/V1__init.sql", 12, 3};
  f.object = "public.orders.customer_id";
  f.message = "foreign key orders_customer_id_fkey has no index on (customer_id)";
  f.explanation = "Deleting a customer scans orders.";
  f.fix_sql = "CREATE INDEX CONCURRENTLY orders_customer_id_idx ON public.orders (customer_id);";
  r.schema_findings.push_back(f);

  model::Query q;
  q.fingerprint = "0123456789abcdef";
  q.label = "recent orders";
  q.text = "SELECT * FROM orders WHERE customer_id = $1 ORDER BY created_at DESC";
  q.normalized = q.text;
  q.kind = model::StatementKind::kSelect;
  q.calls = 1200;
  q.occurrences = {SourceLocation{"queries/orders.sql", 3, 1}};
  q.tables = {Name("orders")};
  q.predicates.push_back({.column = {Name("orders"), "customer_id"}, .op = "=",
                          .operand = model::Predicate::Operand::kParameter});
  q.order_by.push_back({.column = {Name("orders"), "created_at"}, .descending = true});
  r.workload.queries.push_back(q);

  r.er.entities = {
      {Name("customers"), {Attr("id", "bigint", true, false, false), Attr("email", "character varying(255)", false, false, false)}, false},
      {Name("orders"), {Attr("id", "bigint", true, false, false), Attr("customer_id", "bigint", false, true, true),
                        Attr("created_at", "timestamp with time zone", false, false, false)}, false},
      {Name("<script>items"), {Attr("order_id", "bigint", false, true, false), Attr("line", "integer", false, false, false)}, false}};
  analyzers::ErRelationship rel1{Name("customers"), Name("orders"), "orders_customer_id_fkey", {"customer_id"}, {"id"},
                                 analyzers::ParentSide::kZeroOrOne, analyzers::ChildSide::kZeroOrMany};
  analyzers::ErRelationship rel2{Name("orders"), Name("<script>items"), "items_order_id_fkey", {"order_id"}, {"id"},
                                 analyzers::ParentSide::kExactlyOne, analyzers::ChildSide::kZeroOrMany};
  r.er.relationships = {rel1, rel2};

  r.index_usage.indexes = {{Name("orders_created_at_idx"), {{q.fingerprint, "order by created_at desc"}}}};
  r.index_usage.unsupported = {{q.fingerprint, {Name("orders"), "customer_id"}, "=", 1200}};

  analyzers::MigrationStep step;
  step.number = 1;
  step.title = "Index foreign key orders.customer_id";
  step.up_sql = f.fix_sql;
  step.down_sql = "DROP INDEX CONCURRENTLY public.orders_customer_id_idx;";
  step.lock_level = "SHARE UPDATE EXCLUSIVE";
  step.outside_transaction = true;
  step.resolves = {"schema/unindexed-foreign-key public.orders.customer_id"};
  r.migration.steps.push_back(step);
  r.migration.notes = {"SET lock_timeout = '5s' before each step"};

  r.performance.push_back({"perf/hot-table", "orders is the hottest table", "1200 calls per hour read it.",
                           {"recent orders: 1200 calls"}, "", "workload"});
  r.monitoring.metrics.push_back({"dead tuple ratio of public.orders", "pg_stat_user_tables", "> 10%", "> 20%",
                                  "orders is updated often"});
  r.monitoring.prometheus_rules_yaml = "groups:\n  - name: postgres\n    rules: []\n";
  r.monitoring.logging_settings = {"log_min_duration_statement = 250ms  # slow queries"};

  Diagnostic d;
  d.location = SourceLocation{"migrations/V1__init.sql", 40, 1};
  d.code = "unsupported-statement";
  d.message = "GRANT <script> is not modelled";
  r.diagnostics.push_back(d);
  return r;
}

constexpr const char* kSectionKeys[] = {"schema_design", "data_model",  "index_strategy", "query_examples",
                                        "migration_plan", "performance", "monitoring"};

TEST(ReportJsonTest, HasAllSevenSectionsWithBasisAndMissing) {
  auto j = nlohmann::json::parse(RenderJson(SampleReport()));
  EXPECT_EQ(j["dbarch"]["version"], "9.9.9");
  EXPECT_EQ(j["project"], "shop");
  ASSERT_EQ(j["inputs"].size(), 2u);
  EXPECT_EQ(j["inputs"][0]["role"], "migration");
  ASSERT_EQ(j["sections"].size(), 7u);
  int number = 0;
  for (const char* key : kSectionKeys) {
    SCOPED_TRACE(key);
    const auto& s = j["sections"][key];
    ASSERT_TRUE(s.is_object());
    EXPECT_EQ(s["number"], ++number);
    EXPECT_FALSE(s["basis"].get<std::string>().empty());
    EXPECT_TRUE(s["missing"].is_array());
  }
  // No live database in the sample: the index strategy says what --db would add.
  bool mentions_db = false;
  for (const auto& m : j["sections"]["index_strategy"]["missing"]) {
    mentions_db |= m.get<std::string>().find("--db") != std::string::npos;
  }
  EXPECT_TRUE(mentions_db);
  ASSERT_EQ(j["diagnostics"].size(), 1u);
  EXPECT_EQ(j["diagnostics"][0]["code"], "unsupported-statement");
}

TEST(ReportJsonTest, SectionContents) {
  auto j = nlohmann::json::parse(RenderJson(SampleReport()));
  const auto& sections = j["sections"];
  EXPECT_EQ(sections["schema_design"]["findings"][0]["rule"], "schema/unindexed-foreign-key");
  const auto& rel = sections["data_model"]["relationships"][0];
  EXPECT_EQ(rel["parent"], "public.customers");
  EXPECT_EQ(rel["child"], "public.orders");
  EXPECT_EQ(rel["participation"], "optional");
  EXPECT_EQ(rel["child_side"], "zero or many");
  const auto& idx = sections["index_strategy"];
  ASSERT_EQ(idx["indexes"].size(), 2u);
  EXPECT_EQ(idx["indexes"][0]["index"], "public.orders_created_at_idx");
  EXPECT_EQ(idx["indexes"][0]["uses"][0]["how"], "order by created_at desc");
  EXPECT_EQ(idx["unused_indexes"], nlohmann::json::array({"public.orders_pkey"}));
  EXPECT_EQ(idx["findings"].size(), 1u);
  EXPECT_EQ(idx["candidate_columns"][0]["column"], "public.orders.customer_id");
  EXPECT_EQ(idx["candidate_columns"][0]["calls"], 1200);
  EXPECT_EQ(sections["query_examples"]["queries"].size(), 1u);
  EXPECT_EQ(sections["migration_plan"]["steps"][0]["lock_level"], "SHARE UPDATE EXCLUSIVE");
  EXPECT_EQ(sections["migration_plan"]["steps"][0]["outside_transaction"], true);
  EXPECT_EQ(sections["performance"]["advice"][0]["id"], "perf/hot-table");
  EXPECT_EQ(sections["monitoring"]["metrics"][0]["warning"], "> 10%");
}

TEST(ReportJsonTest, IsDeterministic) {
  EXPECT_EQ(RenderJson(SampleReport()), RenderJson(SampleReport()));
}

TEST(ReportJsonTest, EmptyReportStillHasEverySectionAndSaysWhatIsMissing) {
  auto j = nlohmann::json::parse(RenderJson(Report{}));
  for (const char* key : kSectionKeys) ASSERT_TRUE(j["sections"].contains(key)) << key;
  auto missing = j["sections"]["query_examples"]["missing"].dump();
  EXPECT_NE(missing.find("no workload given"), std::string::npos) << missing;
}

TEST(ReportMermaidTest, EntitiesTypesAndCrowsFeet) {
  std::string m = RenderMermaid(SampleReport().er);
  EXPECT_EQ(m.rfind("erDiagram\n", 0), 0u);
  EXPECT_NE(m.find("    customers {\n"), std::string::npos) << m;
  EXPECT_NE(m.find("varchar_255 email"), std::string::npos) << m;
  EXPECT_NE(m.find("timestamptz created_at"), std::string::npos) << m;
  EXPECT_NE(m.find("bigint id PK"), std::string::npos) << m;
  EXPECT_NE(m.find("bigint customer_id FK"), std::string::npos) << m;
  EXPECT_NE(m.find("customers |o--o{ orders : \"orders_customer_id_fkey\""), std::string::npos) << m;
  // The unsafe table name becomes an identifier.
  EXPECT_NE(m.find("orders ||--o{ _script_items : \"items_order_id_fkey\""), std::string::npos) << m;
  // Every entity line is an identifier Mermaid accepts.
  std::regex entity_line(R"(^    ([^ ]+) \{$)");
  std::regex identifier(R"([A-Za-z_][A-Za-z0-9_]*)");
  std::istringstream lines(m);
  for (std::string line; std::getline(lines, line);) {
    std::smatch match;
    if (std::regex_match(line, match, entity_line)) {
      EXPECT_TRUE(std::regex_match(match[1].str(), identifier)) << line;
    }
  }
}

TEST(ReportMarkdownTest, SectionsMermaidAndEscaping) {
  std::string md = RenderMarkdown(SampleReport());
  for (const char* heading : {"## 1. Schema design", "## 2. Data model", "## 3. Index strategy", "## 4. Query examples",
                              "## 5. Migration plan", "## 6. Performance considerations", "## 7. Monitoring strategy"}) {
    EXPECT_NE(md.find(heading), std::string::npos) << heading;
  }
  size_t block = md.find("```mermaid\nerDiagram\n");
  ASSERT_NE(block, std::string::npos);
  size_t end = md.find("```", block + 3);
  std::string mermaid = md.substr(block, end - block);
  EXPECT_NE(mermaid.find("customers |o--o{ orders : \"orders_customer_id_fkey\""), std::string::npos) << mermaid;
  EXPECT_NE(md.find("```sql\nCREATE INDEX CONCURRENTLY orders_customer_id_idx"), std::string::npos);
  EXPECT_NE(md.find("**Based on:**"), std::string::npos);
  // The table comment's '|' and '<' do not break the table or inject HTML; names stay literal in code spans.
  EXPECT_EQ(md.find("<script>alert"), std::string::npos);
  EXPECT_NE(md.find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);
  EXPECT_NE(md.find("`public.<script>items`"), std::string::npos);
  EXPECT_NE(md.find("orders \\| placed"), std::string::npos);
}

TEST(ReportHtmlTest, SelfContainedEscapedWithTableOfContents) {
  std::string html = RenderHtml(SampleReport());
  EXPECT_EQ(html.rfind("<!DOCTYPE html>", 0), 0u);
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_NE(html.find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);
  EXPECT_NE(html.find("&lt;script&gt;items"), std::string::npos);
  std::regex external(R"((src|href)\s*=\s*["']?\s*(https?:)?//)", std::regex::icase);
  EXPECT_FALSE(std::regex_search(html, external));
  EXPECT_EQ(html.find("<link"), std::string::npos);
  for (const char* anchor : {"schema-design", "data-model", "index-strategy", "query-examples", "migration-plan",
                             "performance", "monitoring"}) {
    EXPECT_NE(html.find(std::string("<a href=\"#") + anchor + "\">"), std::string::npos) << anchor;
    EXPECT_NE(html.find(std::string("<section id=\"") + anchor + "\">"), std::string::npos) << anchor;
  }
  EXPECT_NE(html.find("<span class=\"badge warning\">warning</span>"), std::string::npos);
  EXPECT_NE(html.find("<details><summary>rules.yml"), std::string::npos);
}

bool HaveDot() { return std::system("dot -V >/dev/null 2>&1") == 0; }

TEST(ReportDotTest, RecordsPortsAndCrowsFeet) {
  std::string dot = RenderDot(SampleReport().er);
  EXPECT_NE(dot.find("rankdir=LR"), std::string::npos);
  EXPECT_NE(dot.find("\"public.customers\":e0:e -> \"public.orders\":w1:w"), std::string::npos) << dot;
  EXPECT_NE(dot.find("arrowtail=teeodot, arrowhead=crowodot"), std::string::npos) << dot;
  // Names are escaped inside HTML-like labels (quoted IDs may hold anything).
  EXPECT_NE(dot.find("<B>&lt;script&gt;items</B>"), std::string::npos) << dot;
}

TEST(ReportDotTest, DotToSvgProducesInlineableSvg) {
  if (!HaveDot()) GTEST_SKIP() << "Graphviz dot is not installed";
  auto svg = DotToSvg(RenderDot(SampleReport().er));
  ASSERT_TRUE(svg.ok()) << svg.status().ToString();
  EXPECT_EQ(svg->rfind("<svg", 0), 0u) << svg->substr(0, 200);
  EXPECT_EQ(svg->find("<?xml"), std::string::npos);
  EXPECT_EQ(svg->find("<!DOCTYPE"), std::string::npos);
  EXPECT_EQ(svg->find("<script"), std::string::npos);
  EXPECT_NE(svg->find("customers"), std::string::npos);
}

TEST(ReportDotTest, InvalidSourceIsAnError) {
  if (!HaveDot()) GTEST_SKIP() << "Graphviz dot is not installed";
  auto svg = DotToSvg("digraph {");
  EXPECT_FALSE(svg.ok());
}

TEST(ReportDotTest, MissingDotIsUnavailable) {
  const char* old_path = std::getenv("PATH");
  std::string saved = old_path ? old_path : "";
  setenv("PATH", "/nonexistent-dbarch-test", 1);
  auto svg = DotToSvg("digraph { a }");
  setenv("PATH", saved.c_str(), 1);
  ASSERT_FALSE(svg.ok());
  EXPECT_EQ(svg.status().code(), Status::Code::kUnavailable);
}

}  // namespace
}  // namespace dbarch::report
