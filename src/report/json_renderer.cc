// The report as JSON. Every key is documented in docs/report-json.md; keys are sorted (nlohmann::json
// objects are ordered maps), arrays keep report order, and nothing depends on the clock, so the output is
// byte-for-byte reproducible and diffable.
#include <nlohmann/json.hpp>

#include "model/model_json.h"
#include "report/log_text.h"
#include "report/denormalize_text.h"
#include "report/rewrite_text.h"
#include "report/backup_files.h"
#include "report/index_advice_text.h"
#include "report/migration_step_json.h"
#include "report/report.h"
#include "report/sections.h"

namespace dbarch::report {

namespace {

using nlohmann::json;
using internal::SectionText;

json AdviceJson(const analyzers::Advice& a) {
  json j;
  j["id"] = a.id;
  j["title"] = a.title;
  j["detail"] = a.detail;
  j["evidence"] = a.evidence;
  j["snippet"] = a.snippet;
  j["based_on"] = a.based_on;
  return j;
}

json FindingsJson(const std::vector<const Finding*>& findings) {
  json out = json::array();
  for (const Finding* f : findings) out.push_back(ToJson(*f));
  return out;
}

json SchemaDesign(const Report& r) {
  json j;
  j["catalog"] = model::ToJson(r.catalog);
  j["findings"] = FindingsJson(internal::SortedFindings(r.schema_findings));
  j["security_findings"] = FindingsJson(internal::SortedFindings(r.security_findings));
  return j;
}

json DataModel(const Report& r) {
  json entities = json::array();
  for (const auto& e : r.er.entities) {
    json attributes = json::array();
    for (const auto& a : e.attributes) {
      attributes.push_back({{"name", a.name},
                            {"type", a.type},
                            {"primary_key", a.primary_key},
                            {"foreign_key", a.foreign_key},
                            {"unique", a.unique},
                            {"nullable", a.nullable}});
    }
    entities.push_back({{"table", e.table.ToString()}, {"junction", e.junction}, {"attributes", attributes}});
  }
  json relationships = json::array();
  for (const auto& rel : r.er.relationships) {
    relationships.push_back({{"parent", rel.parent.ToString()},
                             {"child", rel.child.ToString()},
                             {"constraint", rel.constraint_name},
                             {"parent_columns", rel.parent_columns},
                             {"child_columns", rel.child_columns},
                             {"parent_side", internal::ParentSideText(rel.parent_side)},
                             {"child_side", internal::ChildSideText(rel.child_side)},
                             {"cardinality", rel.Cardinality()},
                             {"participation", internal::ParticipationText(rel)}});
  }
  json j;
  j["entities"] = entities;
  j["relationships"] = relationships;
  j["notes"] = internal::JunctionNotes(r.er);
  j["mermaid"] = RenderMermaid(r.er);
  j["dot"] = RenderDot(r.er);
  return j;
}

json IndexStrategy(const Report& r) {
  json indexes = json::array();
  json unused = json::array();
  for (const auto& row : internal::IndexRows(r)) {
    json uses = json::array();
    for (const auto& u : row.uses) uses.push_back({{"query", u.query_fingerprint}, {"how", u.how}});
    indexes.push_back({{"index", row.index->name.ToString()},
                       {"table", row.index->table.ToString()},
                       {"definition", internal::IndexDefinitionText(*row.index)},
                       {"enforces_constraint", row.enforces_constraint},
                       {"uses", uses}});
    if (row.uses.empty() && !r.workload.queries.empty()) unused.push_back(row.index->name.ToString());
  }
  std::vector<const Finding*> findings;
  for (const Finding* f : internal::SortedFindings(r.schema_findings)) {
    if (internal::IsIndexFinding(*f)) findings.push_back(f);
  }
  json unsupported = json::array();
  for (const auto& p : r.index_usage.unsupported) {
    json item = {{"query", p.query_fingerprint}, {"column", p.column.ToString()}, {"op", p.op}, {"calls", p.calls},
                 {"clause", p.clause}};
    if (!p.expression.empty()) item["expression"] = p.expression;
    unsupported.push_back(std::move(item));
  }
  json candidates = json::array();
  for (const auto& c : internal::CandidateColumns(r.index_usage)) {
    json item = {{"column", c.column.ToString()}, {"operators", c.operators}, {"calls", c.calls},
                 {"queries", c.fingerprints}};
    if (!c.expression.empty()) item["expression"] = c.expression;
    candidates.push_back(std::move(item));
  }
  json j;
  j["indexes"] = indexes;
  j["unused_indexes"] = unused;
  j["findings"] = FindingsJson(findings);
  if (r.index_advice) j["advice"] = IndexAdviceJson(*r.index_advice);
  j["unsupported_predicates"] = unsupported;
  j["candidate_columns"] = candidates;
  return j;
}

json TimingJson(const verify::TimingSummary& t) {
  json parameters = json::array();
  for (const auto& p : t.parameters) parameters.push_back(p ? json(*p) : json());
  return {{"runs", t.runs},       {"median_ms", t.median_ms}, {"p25_ms", t.p25_ms}, {"p75_ms", t.p75_ms},
          {"min_ms", t.min_ms},   {"max_ms", t.max_ms},       {"parameters", parameters}};
}

json QueryCheckJson(const verify::QueryCheck& c) {
  json j = {{"planned", c.planned}};
  if (!c.planned) {
    j["error"] = c.error;
    return j;
  }
  j["total_cost"] = c.total_cost;
  j["estimated_rows"] = c.estimated_rows;
  j["generic_plan"] = c.generic_plan;
  j["plan"] = c.plan_outline;
  j["indexes_used"] = c.indexes_used;
  if (c.timing) j["timing"] = TimingJson(*c.timing);
  if (!c.timing_error.empty()) j["timing_error"] = c.timing_error;
  if (!c.analyzed_plan.empty()) j["analyzed_plan"] = c.analyzed_plan;
  if (!c.plan_findings.empty()) {
    json findings = json::array();
    for (const auto& f : c.plan_findings) findings.push_back(ToJson(f));
    j["plan_findings"] = findings;
  }
  return j;
}

json ScratchJson(const ScratchEvidence& s) {
  if (!s.ran) return {{"ran", false}, {"reason", s.not_run_reason}};
  json tables = json::array();
  for (const auto& t : s.tables) {
    tables.push_back({{"table", t.table.ToString()}, {"rows", t.rows}, {"method", t.method}, {"notes", t.notes}});
  }
  return {{"ran", true},
          {"server_version", s.server_version},
          {"data_origin", s.data_origin},
          {"total_rows", s.total_rows},
          {"load_seconds", s.load_seconds},
          {"tables", tables},
          {"whatif", {{"requests", s.workload.counters.requests},
                      {"cache_hits", s.workload.counters.cache_hits},
                      {"planner_calls", s.workload.counters.planner_calls}}},
          {"notes", s.notes}};
}

json QueryExamples(const Report& r) {
  const std::vector<const Finding*> anti_patterns = internal::LintFindings(r, "query/");
  json queries = json::array();
  for (const model::Query* q : internal::QueriesByWeight(r.workload)) {
    json j = model::ToJson(*q);
    if (r.scratch && r.scratch->ran) {
      if (const verify::QueryCheck* check = r.scratch->FindQuery(q->fingerprint)) j["scratch"] = QueryCheckJson(*check);
    }
    queries.push_back(std::move(j));
  }
  json body = {{"queries", queries}, {"anti_patterns", FindingsJson(anti_patterns)}};
  if (r.log_summary) body["log"] = LogSummaryJson(*r.log_summary, 20);
  body["rewrites"] = RewritesJson(
      PairRewrites(r.rewrites, r.scratch ? r.scratch->rewrites : std::vector<verify::RewriteCheck>{}, r.workload));
  if (r.scratch) body["scratch"] = ScratchJson(*r.scratch);
  return body;
}

json MigrationPlan(const Report& r) {
  json steps = json::array();
  for (const auto& s : r.migration.steps) steps.push_back(MigrationStepJson(s));
  const std::vector<const Finding*> hazards = internal::LintFindings(r, "migration/");
  return {{"steps", steps}, {"notes", r.migration.notes}, {"hazards", FindingsJson(hazards)}};
}

json Performance(const Report& r) {
  json advice = json::array();
  for (const auto& a : r.performance) advice.push_back(AdviceJson(a));
  json out = {{"advice", advice}};
  out["summaries"] = SummariesJson(
      PairSummaries(r.denormalization, r.scratch ? r.scratch->summaries : std::vector<verify::SummaryCheck>{},
                    r.workload),
      r.denormalization, internal::RewriteNotVerifiedReason(r));
  if (r.configuration) out["configuration"] = TuneJson(*r.configuration);
  return out;
}

json Monitoring(const Report& r) {
  json metrics = json::array();
  for (const auto& m : r.monitoring.metrics) {
    metrics.push_back({{"name", m.name},
                       {"source", m.source},
                       {"warning", m.warning},
                       {"critical", m.critical},
                       {"why", m.why}});
  }
  json backup = json::array();
  for (const auto& a : r.monitoring.backup) backup.push_back(AdviceJson(a));
  return {{"metrics", metrics},
          {"logging_settings", r.monitoring.logging_settings},
          {"prometheus_rules_yaml", r.monitoring.prometheus_rules_yaml},
          {"backup", backup},
          {"health_findings", r.health_findings ? FindingsJson(internal::SortedFindings(*r.health_findings)) : json()},
          {"backup_plan", r.backup_plan ? json{{"summary", BackupSummaryText(*r.backup_plan)},
                                               {"pgbackrest_conf", PgBackRestConf(*r.backup_plan)},
                                               {"postgresql_conf", PostgresqlBackupConf(*r.backup_plan)},
                                               {"crontab", BackupCrontab(*r.backup_plan)}}
                                        : json()}};
}

json SectionBody(const Report& r, const std::string& key) {
  if (key == "schema_design") return SchemaDesign(r);
  if (key == "data_model") return DataModel(r);
  if (key == "index_strategy") return IndexStrategy(r);
  if (key == "query_examples") return QueryExamples(r);
  if (key == "migration_plan") return MigrationPlan(r);
  if (key == "performance") return Performance(r);
  return Monitoring(r);
}

json Summary(const Report& r) {
  internal::SeverityCounts counts = internal::CountSeverities(r.schema_findings);
  return {{"tables", r.catalog.tables.size()},
          {"relationships", r.er.relationships.size()},
          {"indexes", r.catalog.indexes.size()},
          {"queries", r.workload.queries.size()},
          {"findings", {{"error", counts.error}, {"warning", counts.warning}, {"info", counts.info}}},
          {"migration_steps", r.migration.steps.size()}};
}

}  // namespace

std::string RenderJson(const Report& report) {
  json j;
  j["dbarch"] = {{"version", report.version}};
  j["project"] = report.inputs.project_name;
  json inputs = json::array();
  for (const auto& f : report.inputs.files) {
    inputs.push_back({{"path", f.path}, {"role", f.role}, {"detail", f.detail}});
  }
  j["inputs"] = inputs;
  j["available"] = {{"workload", !report.workload.queries.empty()},
                    {"live_database", report.inputs.has_live_database},
                    {"data", report.inputs.has_data}};
  j["summary"] = Summary(report);

  json sections = json::object();
  int number = 0;
  for (const SectionText& s : internal::DescribeSections(report)) {
    json body = SectionBody(report, s.key);
    body["number"] = ++number;
    body["title"] = s.title;
    body["basis"] = s.basis;
    body["missing"] = s.missing;
    sections[s.key] = std::move(body);
  }
  j["sections"] = std::move(sections);

  json diagnostics = json::array();
  for (const auto& d : report.diagnostics) diagnostics.push_back(ToJson(d));
  j["diagnostics"] = diagnostics;
  // Input files need not be UTF-8; replace what is not rather than throw.
  return j.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

}  // namespace dbarch::report
