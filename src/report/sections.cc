#include "report/sections.h"

#include "analyzers/diff/step_duration.h"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include <fmt/format.h>

namespace dbarch::report::internal {

namespace {

std::string Join(const std::vector<std::string>& items, std::string_view separator) {
  std::string out;
  for (size_t i = 0; i < items.size(); ++i) {
    if (i) out += separator;
    out += items[i];
  }
  return out;
}

std::string Plural(size_t n, std::string_view singular, std::string_view plural) {
  return fmt::format("{} {}", n, n == 1 ? singular : plural);
}

size_t CountFilesWithRole(const ReportInputs& inputs, std::string_view role) {
  return std::count_if(inputs.files.begin(), inputs.files.end(),
                       [&](const InputFile& f) { return f.role == role; });
}

// The phrases every section uses for the same missing input, so they read identically everywhere.
constexpr std::string_view kNoWorkload = "no workload given: pass --workload or add a queries/ folder";
constexpr std::string_view kNoDatabaseStats =
    "no live database: pass --db to see table sizes and index usage statistics";
constexpr std::string_view kNoData =
    "no data: the schema was not loaded into a scratch PostgreSQL (run without --no-verify, with PostgreSQL installed)";

std::string SchemaSourceText(const ReportInputs& inputs) {
  size_t migrations = CountFilesWithRole(inputs, "migration");
  size_t schemas = CountFilesWithRole(inputs, "schema");
  std::vector<std::string> parts;
  if (migrations) parts.push_back(Plural(migrations, "migration file", "migration files"));
  if (schemas) parts.push_back(Plural(schemas, "schema file", "schema files"));
  if (parts.empty()) return "the DDL given";
  return Join(parts, " and ");
}

std::string WorkloadSourceText(const Report& report) {
  size_t files = CountFilesWithRole(report.inputs, "workload");
  return fmt::format("{} ({} calls in total) from {}", Plural(report.workload.queries.size(), "distinct query",
                                                              "distinct queries"),
                     FormatCalls(report.workload.TotalCalls()), Plural(files, "workload file", "workload files"));
}

size_t ConstraintCount(const model::Catalog& catalog) {
  size_t n = 0;
  for (const auto& [name, table] : catalog.tables) n += table.constraints.size();
  return n;
}

}  // namespace

std::vector<SectionText> DescribeSections(const Report& report) {
  const ReportInputs& in = report.inputs;
  // A workload folder without queries gives the sections nothing to work with.
  const bool workload = !report.workload.queries.empty();
  std::vector<SectionText> s;

  {
    SectionText t{"schema_design", "schema-design", "Schema design", "", {}};
    t.basis = fmt::format("{}, {} and {} replayed from {}; design rules applied to the DDL alone.",
                          Plural(report.catalog.tables.size(), "table", "tables"),
                          Plural(ConstraintCount(report.catalog), "constraint", "constraints"),
                          Plural(report.catalog.indexes.size(), "index", "indexes"), SchemaSourceText(in));
    if (!in.has_live_database) {
      t.missing.push_back("no live database: pass --db to compare the files with the deployed schema and see table "
                          "sizes");
    }
    if (!in.has_data) t.missing.push_back(std::string(kNoData));
    s.push_back(std::move(t));
  }
  {
    SectionText t{"data_model", "data-model", "Data model", "", {}};
    t.basis = fmt::format("{} and {} declared by foreign keys; cardinalities from primary keys, UNIQUE "
                          "constraints and NOT NULL columns.",
                          Plural(report.er.entities.size(), "entity", "entities"),
                          Plural(report.er.relationships.size(), "relationship", "relationships"));
    if (report.er.relationships.empty() && !report.er.entities.empty()) {
      t.missing.push_back("no foreign keys declared: relationships the application keeps only in code are not shown; "
                          "declare them as FOREIGN KEY constraints");
    }
    if (!in.has_live_database && !in.has_data) {
      t.missing.push_back("no live database or data: pass --db to measure the actual rows per parent of each "
                          "relationship");
    }
    s.push_back(std::move(t));
  }
  {
    SectionText t{"index_strategy", "index-strategy", "Index strategy", "", {}};
    if (workload) {
      t.basis = fmt::format("{} matched against {} by the access rules of each index method (no planner involved).",
                            Plural(report.catalog.indexes.size(), "index", "indexes"), WorkloadSourceText(report));
    } else {
      t.basis = fmt::format("{} checked against the foreign keys and each other; no queries to match them against.",
                            Plural(report.catalog.indexes.size(), "index", "indexes"));
    }
    if (!workload) t.missing.push_back(std::string(kNoWorkload));
    if (!in.has_live_database) t.missing.push_back(std::string(kNoDatabaseStats));
    if (!in.has_data) {
      t.missing.push_back("no data: candidate indexes were not tried on a scratch PostgreSQL (run without --no-verify)");
    }
    if (report.index_advice && report.index_advice->ran) {
      t.basis += fmt::format(" Index advice: {} candidates costed with HypoPG on the scratch PostgreSQL, the chosen "
                             "ones built there for real and the queries they help timed before and after.",
                             report.index_advice->candidates_generated);
    }
    s.push_back(std::move(t));
  }
  {
    SectionText t{"query_examples", "query-examples", "Query examples", "", {}};
    if (workload) {
      t.basis = fmt::format("{}, grouped by libpg_query fingerprint and weighted by their \"-- calls:\" annotations; "
                            "names resolved against the schema.",
                            WorkloadSourceText(report));
    } else {
      t.basis = "No workload queries were given.";
      t.missing.push_back(std::string(kNoWorkload));
    }
    if (report.scratch && report.scratch->ran) {
      t.basis += " " + ScratchSummaryText(*report.scratch);
    } else if (report.scratch) {
      t.missing.push_back("not verified on PostgreSQL: " + report.scratch->not_run_reason);
    } else if (workload) {
      t.missing.push_back("not verified: run without --no-verify to plan and time every query on a scratch PostgreSQL");
    }
    if (!in.has_live_database) {
      t.missing.push_back("no live database: pass --db to read real call counts and timings from pg_stat_statements");
    }
    s.push_back(std::move(t));
  }
  {
    SectionText t{"migration_plan", "migration-plan", "Migration plan", "", {}};
    size_t fixable = std::count_if(report.schema_findings.begin(), report.schema_findings.end(),
                                   [](const Finding& f) { return !f.fix_sql.empty(); });
    t.basis = fmt::format("The fix SQL of {}, ordered so that non-blocking steps run first; lock levels from the "
                          "statement kinds (parsed with libpg_query).",
                          Plural(fixable, "finding", "findings"));
    if (!in.has_live_database) {
      t.missing.push_back("no live database: lock durations and table-rewrite times depend on table sizes; pass --db "
                          "to estimate them");
    }
    if (!in.has_data) {
      t.missing.push_back("no data: rehearsing the plan against a copy with synthetic data comes with the verify "
                          "stage");
    }
    s.push_back(std::move(t));
  }
  {
    SectionText t{"performance", "performance", "Performance considerations", "", {}};
    t.basis = workload ? "The schema and the workload: table shapes, write patterns and query weights."
                       : "The schema alone: table shapes, keys and indexes.";
    if (!workload) t.missing.push_back(std::string(kNoWorkload));
    if (!in.has_live_database) t.missing.push_back(std::string(kNoDatabaseStats));
    if (!in.has_data) t.missing.push_back(std::string(kNoData));
    s.push_back(std::move(t));
  }
  {
    SectionText t{"monitoring", "monitoring", "Monitoring strategy", "", {}};
    t.basis = workload ? "The schema and the workload: which tables are hot, write-heavy or growing; thresholds are "
                         "PostgreSQL rules of thumb."
                       : "The schema alone: which tables will be large or write-heavy; thresholds are PostgreSQL rules "
                         "of thumb.";
    if (!workload) t.missing.push_back(std::string(kNoWorkload));
    if (!in.has_live_database) {
      t.missing.push_back("no live database: pass --db to calibrate the thresholds against current statistics");
    }
    s.push_back(std::move(t));
  }
  return s;
}

std::string IdentityText(const model::Column& column) {
  switch (column.identity) {
    case model::IdentityKind::kAlways: return "identity (always)";
    case model::IdentityKind::kByDefault: return "identity (by default)";
    case model::IdentityKind::kNone: break;
  }
  return column.from_serial ? "serial" : "";
}

std::string DefaultText(const model::Column& column) {
  if (column.generated_expr) return fmt::format("GENERATED ALWAYS AS ({}) STORED", *column.generated_expr);
  if (column.default_expr && !column.from_serial) return *column.default_expr;
  return "";
}

namespace {
std::string ColumnList(const std::vector<std::string>& columns) {
  std::vector<std::string> quoted;
  for (const auto& c : columns) quoted.push_back(model::QuoteIdent(c));
  return "(" + Join(quoted, ", ") + ")";
}

std::string DeferrableText(const model::Constraint& c) {
  std::string out;
  if (c.deferrable) out += c.initially_deferred ? " DEFERRABLE INITIALLY DEFERRED" : " DEFERRABLE";
  if (c.not_valid) out += " NOT VALID";
  return out;
}
}  // namespace

std::string ConstraintText(const model::Constraint& c) {
  std::string out;
  switch (c.kind) {
    case model::ConstraintKind::kPrimaryKey:
    case model::ConstraintKind::kUnique:
      out = fmt::format("{}{} {}", model::ConstraintKindName(c.kind), c.nulls_not_distinct ? " NULLS NOT DISTINCT" : "",
                        ColumnList(c.columns));
      if (!c.include_columns.empty()) out += " INCLUDE " + ColumnList(c.include_columns);
      break;
    case model::ConstraintKind::kForeignKey:
      out = fmt::format("FOREIGN KEY {} REFERENCES {}", ColumnList(c.columns), c.referenced_table.ToSql());
      if (!c.referenced_columns.empty()) out += " " + ColumnList(c.referenced_columns);
      if (!c.match_type.empty() && c.match_type != "SIMPLE") out += " MATCH " + c.match_type;
      out += fmt::format(" ON DELETE {}", model::ReferentialActionSql(c.on_delete));
      if (c.on_update != model::ReferentialAction::kNoAction) {
        out += fmt::format(" ON UPDATE {}", model::ReferentialActionSql(c.on_update));
      }
      break;
    case model::ConstraintKind::kCheck:
      out = fmt::format("CHECK ({})", c.check_expr);
      break;
    case model::ConstraintKind::kExclude: {
      std::vector<std::string> elements;
      for (const auto& e : c.exclusion_elements) elements.push_back(e.column_or_expression + " WITH " + e.op);
      out = fmt::format("EXCLUDE USING {} ({})", c.exclusion_method.empty() ? "gist" : c.exclusion_method,
                        Join(elements, ", "));
      if (!c.where_predicate.empty()) out += fmt::format(" WHERE ({})", c.where_predicate);
      break;
    }
  }
  return out + DeferrableText(c);
}

std::string IndexDefinitionText(const model::Index& index) {
  std::vector<std::string> keys;
  for (const auto& k : index.keys) {
    std::string key = k.expression.empty() ? model::QuoteIdent(k.column) : "(" + k.expression + ")";
    if (!k.collation.empty()) key += " COLLATE " + model::QuoteIdent(k.collation);
    if (!k.opclass.empty()) key += " " + k.opclass;
    if (k.descending) key += " DESC";
    if (k.nulls_first) key += *k.nulls_first ? " NULLS FIRST" : " NULLS LAST";
    keys.push_back(std::move(key));
  }
  std::string out = fmt::format("{}{} ({})", index.unique ? "UNIQUE " : "", index.method, Join(keys, ", "));
  if (!index.include_columns.empty()) out += " INCLUDE " + ColumnList(index.include_columns);
  if (index.nulls_not_distinct) out += " NULLS NOT DISTINCT";
  if (!index.predicate.empty()) out += fmt::format(" WHERE ({})", index.predicate);
  if (!index.valid) out += " INVALID";
  return out;
}

std::string QueryDisplayName(const model::Query& query) {
  if (!query.label.empty()) return query.label;
  std::string where = QueryLocationText(query);
  return where.empty() ? query.fingerprint : where;
}

std::string QueryLocationText(const model::Query& query) {
  if (query.occurrences.empty() || !query.occurrences.front().known()) return "";
  const SourceLocation& l = query.occurrences.front();
  return l.line > 0 ? fmt::format("{}:{}", l.file, l.line) : l.file;
}

std::string FormatCalls(double calls) {
  if (calls == static_cast<double>(static_cast<long long>(calls))) {
    return fmt::format("{}", static_cast<long long>(calls));
  }
  return fmt::format("{:.2f}", calls);
}

std::string_view ParentSideText(analyzers::ParentSide side) {
  switch (side) {
    case analyzers::ParentSide::kExactlyOne: return "exactly one";
    case analyzers::ParentSide::kZeroOrOne: return "zero or one";
  }
  return "exactly one";
}

std::string_view ChildSideText(analyzers::ChildSide side) {
  switch (side) {
    case analyzers::ChildSide::kZeroOrMany: return "zero or many";
    case analyzers::ChildSide::kZeroOrOne: return "zero or one";
    case analyzers::ChildSide::kOneOrMany: return "one or many";
  }
  return "zero or many";
}

std::string_view ParticipationText(const analyzers::ErRelationship& relationship) {
  return relationship.parent_side == analyzers::ParentSide::kExactlyOne ? "mandatory" : "optional";
}

std::string StepDurationText(const analyzers::MigrationStep& step) {
  if (step.duration_basis.empty()) return "";
  if (step.estimated_seconds < 0) return "not estimated";
  if (step.work.empty()) return "instant";
  return analyzers::diff::DurationText(step.estimated_seconds);
}

std::string RewriteNotVerifiedReason(const Report& report) {
  if (!report.scratch) return "verification was skipped (--no-verify)";
  if (!report.scratch->ran) return "the scratch cluster did not run: " + report.scratch->not_run_reason;
  return "";
}

std::vector<const Finding*> LintFindings(const Report& report, std::string_view prefix) {
  std::vector<const Finding*> out;
  for (const Finding& f : report.lint_findings)
    if (std::string_view(f.rule_id).substr(0, prefix.size()) == prefix) out.push_back(&f);
  return out;
}

std::vector<const Finding*> SortedFindings(const Findings& findings) {
  std::vector<const Finding*> out;
  for (const auto& f : findings) out.push_back(&f);
  std::stable_sort(out.begin(), out.end(), [](const Finding* a, const Finding* b) {
    return std::make_tuple(-static_cast<int>(a->severity), a->location.file, a->location.line, a->rule_id, a->object) <
           std::make_tuple(-static_cast<int>(b->severity), b->location.file, b->location.line, b->rule_id, b->object);
  });
  return out;
}

bool IsIndexFinding(const Finding& finding) {
  return finding.rule_id == "schema/unindexed-foreign-key" || finding.rule_id == "schema/duplicate-index" ||
         finding.rule_id == "schema/redundant-index" || finding.rule_id.starts_with("index/");
}

std::vector<IndexRow> IndexRows(const Report& report) {
  std::map<model::QualifiedName, const analyzers::IndexUsage*> usage;
  for (const auto& u : report.index_usage.indexes) usage[u.index] = &u;
  std::vector<IndexRow> rows;
  for (const auto& [name, index] : report.catalog.indexes) {
    IndexRow row;
    row.index = &index;
    if (auto it = usage.find(name); it != usage.end()) row.uses = it->second->uses;
    row.enforces_constraint = index.primary || index.unique || !index.constraint_name.empty();
    rows.push_back(std::move(row));
  }
  std::stable_sort(rows.begin(), rows.end(), [](const IndexRow& a, const IndexRow& b) {
    return std::tie(a.index->table, a.index->name) < std::tie(b.index->table, b.index->name);
  });
  return rows;
}

const std::vector<const model::Index*>& TableIndexes(
    const std::map<model::QualifiedName, std::vector<const model::Index*>>& by_table, const model::QualifiedName& table) {
  static const std::vector<const model::Index*> kNone;
  auto it = by_table.find(table);
  return it == by_table.end() ? kNone : it->second;
}

std::string CandidateText(const CandidateColumn& candidate) {
  if (candidate.expression.empty()) return candidate.column.ToString();
  return candidate.column.table.ToString() + ": " + candidate.expression;
}

std::vector<CandidateColumn> CandidateColumns(const analyzers::IndexUsageReport& usage) {
  using Key = std::pair<model::ColumnRef, std::string>;
  std::map<Key, CandidateColumn> by_key;
  std::map<Key, std::map<std::string, double>> weight_by_query;
  for (const auto& p : usage.unsupported) {
    Key key{p.column, p.expression};
    CandidateColumn& c = by_key[key];
    c.column = p.column;
    c.expression = p.expression;
    if (std::find(c.operators.begin(), c.operators.end(), p.op) == c.operators.end()) c.operators.push_back(p.op);
    c.calls += p.calls;
    weight_by_query[key][p.query_fingerprint] += p.calls;
  }
  std::vector<CandidateColumn> out;
  for (auto& [key, c] : by_key) {
    std::sort(c.operators.begin(), c.operators.end());
    std::vector<std::pair<std::string, double>> queries(weight_by_query[key].begin(), weight_by_query[key].end());
    std::stable_sort(queries.begin(), queries.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
    for (const auto& [fingerprint, calls] : queries) c.fingerprints.push_back(fingerprint);
    out.push_back(std::move(c));
  }
  std::stable_sort(out.begin(), out.end(), [](const CandidateColumn& a, const CandidateColumn& b) {
    return a.calls > b.calls;
  });
  return out;
}

std::vector<const model::Query*> QueriesByWeight(const model::Workload& workload) {
  std::vector<const model::Query*> out;
  for (const auto& q : workload.queries) out.push_back(&q);
  std::stable_sort(out.begin(), out.end(), [](const model::Query* a, const model::Query* b) { return a->calls > b->calls; });
  return out;
}

std::map<std::string, int> QueryNumbers(const model::Workload& workload) {
  std::map<std::string, int> numbers;
  int n = 0;
  for (const model::Query* q : QueriesByWeight(workload)) numbers.emplace(q->fingerprint, ++n);
  return numbers;
}

namespace {
void AddDistinct(std::vector<std::string>* out, std::string item) {
  if (std::find(out->begin(), out->end(), item) == out->end()) out->push_back(std::move(item));
}

std::string ColumnRefText(const model::ColumnRef& ref) {
  return ref.table.name.empty() ? ref.column : ref.ToString();
}
}  // namespace

std::vector<std::string> FilterColumns(const model::Query& query) {
  std::vector<std::string> out;
  for (const auto& p : query.predicates) {
    if (p.clause == "JOIN") continue;
    std::string text = p.expression.empty() ? ColumnRefText(p.column) : p.expression;
    AddDistinct(&out, fmt::format("{} {}", text, p.op));
  }
  return out;
}

std::vector<std::string> JoinColumns(const model::Query& query) {
  std::vector<std::string> out;
  for (const auto& j : query.joins) {
    AddDistinct(&out, fmt::format("{} {} {}", ColumnRefText(j.left), j.op, ColumnRefText(j.right)));
  }
  return out;
}

std::vector<std::string> OrderColumns(const model::Query& query) {
  std::vector<std::string> out;
  for (const auto& o : query.order_by) {
    std::string text = o.expression.empty() ? ColumnRefText(o.column) : o.expression;
    if (o.descending) text += " DESC";
    if (o.nulls_first) text += *o.nulls_first ? " NULLS FIRST" : " NULLS LAST";
    AddDistinct(&out, std::move(text));
  }
  return out;
}

SeverityCounts CountSeverities(const Findings& findings) {
  SeverityCounts counts;
  for (const auto& f : findings) {
    switch (f.severity) {
      case Severity::kInfo: ++counts.info; break;
      case Severity::kWarning: ++counts.warning; break;
      case Severity::kError: ++counts.error; break;
    }
  }
  return counts;
}

std::vector<std::string> JunctionNotes(const analyzers::ErModel& er) {
  std::vector<std::string> notes;
  for (const auto& e : er.entities) {
    if (!e.junction) continue;
    std::set<std::string> parents;
    for (const auto& r : er.relationships) {
      if (r.child == e.table) parents.insert(r.parent.ToString());
    }
    std::vector<std::string> names(parents.begin(), parents.end());
    notes.push_back(names.size() >= 2
                        ? fmt::format("{} is a junction table: it implements a many-to-many relationship between {}",
                                      e.table.ToString(), Join(names, " and "))
                        : fmt::format("{} is a junction table", e.table.ToString()));
  }
  return notes;
}

std::string ScratchCostText(const verify::QueryCheck& check) {
  if (!check.planned) return "could not be planned: " + check.error;
  return fmt::format("cost {:.1f}{}, about {}", check.total_cost, check.generic_plan ? " (generic plan)" : "",
                     Plural(static_cast<size_t>(check.estimated_rows), "row", "rows"));
}

std::string ScratchTimingText(const verify::QueryCheck& check) {
  if (!check.timing) return check.timing_error.empty() ? "" : "not timed: " + check.timing_error;
  const verify::TimingSummary& t = *check.timing;
  return fmt::format("median {:.3f} ms (IQR {:.3f}–{:.3f} ms, {} runs)", t.median_ms, t.p25_ms, t.p75_ms, t.runs);
}

std::string ScratchSummaryText(const ScratchEvidence& scratch) {
  size_t planned = 0, timed = 0;
  for (const auto& q : scratch.workload.queries) {
    planned += q.planned ? 1 : 0;
    timed += q.timing ? 1 : 0;
  }
  return fmt::format("{} of {} planned on a private scratch PostgreSQL ({}) holding {} rows of {} across {}; "
                     "{} timed (execution time measured by the server, median of repetitions).",
                     planned, Plural(scratch.workload.queries.size(), "query", "queries"), scratch.server_version,
                     FormatCalls(static_cast<double>(scratch.total_rows)), scratch.data_origin,
                     Plural(scratch.tables.size(), "table", "tables"), timed);
}

}  // namespace dbarch::report::internal
