// The report as GitHub-flavoured Markdown: one heading per section, tables for lists of objects, ```sql
// blocks for SQL and a ```mermaid erDiagram for the data model (GitHub and GitLab draw it).
#include <fmt/format.h>
#include <fmt/ranges.h>

#include "report/backup_files.h"
#include "report/index_advice_text.h"
#include "report/log_text.h"
#include "report/denormalize_text.h"
#include "report/rewrite_text.h"
#include "report/report.h"
#include "report/sections.h"

namespace dbarch::report {

namespace {

using internal::SectionText;

// Text in a table cell or a paragraph: a '|' would end the cell, a newline the row, and '<' could open
// HTML that the Markdown renderer passes through.
std::string Text(std::string_view text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '|': out += "\\|"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '\n': out += "<br>"; break;
      case '\r': break;
      default: out += c;
    }
  }
  return out;
}

// An inline code span safe inside a table cell.
std::string Code(std::string_view text) {
  if (text.empty()) return "";
  std::string body;
  for (char c : text) {
    if (c == '|') {
      body += "\\|";
    } else if (c == '\n' || c == '\r') {
      body += ' ';
    } else {
      body += c;
    }
  }
  std::string ticks = body.find('`') == std::string::npos ? "`" : "``";
  std::string pad = ticks.size() > 1 ? " " : "";
  return ticks + pad + body + pad + ticks;
}

// A fenced block; the fence is longer than any run of backticks in the body.
std::string Fence(std::string_view language, std::string_view body) {
  size_t longest = 0, run = 0;
  for (char c : body) {
    run = c == '`' ? run + 1 : 0;
    longest = std::max(longest, run);
  }
  std::string fence(std::max<size_t>(3, longest + 1), '`');
  std::string out = fence + std::string(language) + "\n" + std::string(body);
  if (!body.empty() && body.back() != '\n') out += "\n";
  return out + fence + "\n\n";
}

std::string Row(const std::vector<std::string>& cells) {
  std::string out = "|";
  for (const auto& c : cells) out += " " + c + " |";
  return out + "\n";
}

std::string TableHead(const std::vector<std::string>& headers) {
  std::string out = Row(headers) + "|";
  for (size_t i = 0; i < headers.size(); ++i) out += "---|";
  return out + "\n";
}

std::string SectionHeading(int number, const SectionText& s) {
  std::string out = fmt::format("## {}. {}\n\n", number, s.title);
  out += fmt::format("> **Based on:** {}\n", Text(s.basis));
  if (!s.missing.empty()) {
    out += ">\n> **Would be sharper with:**\n";
    for (const auto& m : s.missing) out += "> - " + Text(m) + "\n";
  }
  return out + "\n";
}

std::string FindingDetails(const Finding& f) {
  std::string out = fmt::format("- **{}** `{}` — {}", SeverityName(f.severity), f.rule_id, Text(f.message));
  std::vector<std::string> where;
  if (!f.object.empty()) where.push_back(Code(f.object));
  if (f.location.known()) where.push_back(Code(f.location.ToString()));
  if (!where.empty()) out += " (" + fmt::format("{}", fmt::join(where, " at ")) + ")";
  out += "\n";
  if (!f.explanation.empty()) out += "\n  " + Text(f.explanation) + "\n";
  for (const auto& e : f.evidence) out += "  - " + Text(e) + "\n";
  if (!f.fix_sql.empty()) {
    out += "\n";
    std::string block = Fence("sql", f.fix_sql);
    // Indent the block so it belongs to the list item.
    size_t start = 0;
    while (start < block.size()) {
      size_t end = block.find('\n', start);
      std::string line = block.substr(start, end - start);
      out += line.empty() ? "\n" : "  " + line + "\n";
      start = end + 1;
    }
  } else {
    out += "\n";
  }
  return out;
}

std::string FindingsList(const std::vector<const Finding*>& findings) {
  if (findings.empty()) return "No findings.\n\n";
  std::string out = TableHead({"Severity", "Rule", "Object", "Location", "Message"});
  for (const Finding* f : findings) {
    out += Row({std::string(SeverityName(f->severity)), Code(f->rule_id), Code(f->object), Code(f->location.ToString()),
                Text(f->message)});
  }
  return out + "\n";
}

std::string SchemaDesign(const Report& r) {
  std::string out;
  const auto indexes_by_table = r.catalog.IndexesByTable();
  for (const auto& [name, table] : r.catalog.tables) {
    out += fmt::format("### {}\n\n", Code(name.ToString()));
    std::vector<std::string> facts;
    if (table.kind != model::TableKind::kOrdinary) facts.push_back(std::string(model::TableKindName(table.kind)));
    if (!table.partition_strategy.empty()) {
      facts.push_back(fmt::format("partitioned by {} ({})", table.partition_strategy,
                                  fmt::join(table.partition_keys, ", ")));
    }
    if (table.partition_of) {
      facts.push_back(fmt::format("partition of {} {}", table.partition_of->ToString(), table.partition_bound));
    }
    if (table.unlogged) facts.push_back("unlogged");
    if (table.rls_enabled) facts.push_back("row-level security enabled");
    if (table.location.known()) facts.push_back("defined at " + Code(table.location.ToString()));
    if (!facts.empty()) out += Text(fmt::format("{}", fmt::join(facts, " · "))) + "\n\n";
    if (table.comment) out += "*" + Text(*table.comment) + "*\n\n";

    out += TableHead({"Column", "Type", "Null", "Default", "Identity"});
    for (const auto& c : table.columns) {
      out += Row({Code(c.name), Code(c.type.ToSql()), c.not_null ? "NOT NULL" : "null", Code(internal::DefaultText(c)),
                  internal::IdentityText(c)});
    }
    out += "\n";
    if (!table.constraints.empty()) {
      out += "**Constraints**\n\n" + TableHead({"Name", "Definition"});
      for (const auto& c : table.constraints) out += Row({Code(c.name), Code(internal::ConstraintText(c))});
      out += "\n";
    }
    // The index behind a PK/UNIQUE/EXCLUDE constraint is listed with the constraint, not twice.
    std::vector<const model::Index*> indexes;
    for (const auto* i : internal::TableIndexes(indexes_by_table, name)) {
      if (i->constraint_name.empty() || !table.FindConstraint(i->constraint_name)) indexes.push_back(i);
    }
    if (!indexes.empty()) {
      out += "**Indexes**\n\n" + TableHead({"Name", "Definition"});
      for (const auto* i : indexes) out += Row({Code(i->name.name), Code(internal::IndexDefinitionText(*i))});
      out += "\n";
    }
  }
  if (r.catalog.tables.empty()) out += "No tables were found in the inputs.\n\n";

  auto findings = internal::SortedFindings(r.schema_findings);
  out += "### Findings\n\n" + FindingsList(findings);
  for (const Finding* f : findings) out += FindingDetails(*f);
  if (!r.security_findings.empty()) {
    auto security = internal::SortedFindings(r.security_findings);
    out += "### Security (`dbarch security`; add `--db` for the server's pg_hba.conf, passwords and TLS)\n\n" +
           FindingsList(security);
    for (const Finding* f : security) out += FindingDetails(*f);
  }
  return out;
}

std::string DataModel(const Report& r) {
  std::string out;
  if (r.er.entities.empty()) return "No tables, so no data model.\n\n";
  out += Fence("mermaid", RenderMermaid(r.er));
  out += "### Relationships\n\n";
  if (r.er.relationships.empty()) {
    out += "No foreign keys are declared.\n\n";
  } else {
    out += TableHead({"Parent", "Child", "Columns (child → parent)", "Cardinality", "Parent side", "Child side",
                      "Participation", "Constraint"});
    for (const auto& rel : r.er.relationships) {
      out += Row({Code(rel.parent.ToString()), Code(rel.child.ToString()),
                  Code(fmt::format("({}) → ({})", fmt::join(rel.child_columns, ", "),
                                   fmt::join(rel.parent_columns, ", "))),
                  rel.Cardinality(), std::string(internal::ParentSideText(rel.parent_side)),
                  std::string(internal::ChildSideText(rel.child_side)), std::string(internal::ParticipationText(rel)),
                  Code(rel.constraint_name)});
    }
    out += "\n";
  }
  for (const auto& note : internal::JunctionNotes(r.er)) out += "- " + Text(note) + "\n";
  return out + "\n";
}

// "Q7": the number of the query in the query examples section.
std::string QueryRef(const std::map<std::string, int>& numbers, const std::string& fingerprint) {
  auto n = numbers.find(fingerprint);
  return n == numbers.end() ? Code(fingerprint) : fmt::format("Q{}", n->second);
}

// The advisor's verified recommendations: what to build and drop, why, and what it did on the scratch cluster.
std::string IndexAdvice(const Report& r) {
  if (!r.index_advice) return "";
  const analyzers::IndexAdvice& advice = *r.index_advice;
  auto numbers = internal::QueryNumbers(r.workload);
  std::string out = "### Recommended index changes\n\n";
  if (!advice.ran) return out + Text(IndexAdviceSummary(advice)) + "\n\n";
  out += Text(IndexAdviceSummary(advice)) + ".\n\n";
  if (advice.recommendations.empty()) out += "No new index lowers the workload's cost enough to pay for itself.\n\n";
  int n = 0;
  for (const auto& rec : advice.recommendations) {
    out += fmt::format("**{}. {}** — {}, ≈ {}\n\n", ++n, Code(rec.index.name.ToString()),
                       analyzers::RecommendationStatusName(rec.status),
                       FormatBytes(rec.built_bytes.value_or(rec.estimated_bytes)));
    out += "```sql\n";
    for (const auto& e : rec.extensions) out += "CREATE EXTENSION IF NOT EXISTS " + e + ";\n";
    out += rec.create_sql + "\n```\n\n";
    if (!rec.status_note.empty()) out += Text(rec.status_note) + "\n\n";
    for (const auto& reason : rec.rationale) out += "- " + Text(reason) + "\n";
    for (const auto& effect : rec.helps) {
      out += "- helps " + (effect.fingerprint.empty() ? Text(effect.label) : QueryRef(numbers, effect.fingerprint)) +
             ": " + Text(EffectText(effect)) + "\n";
    }
    for (const auto& note : rec.write_notes) out += "- write cost: " + Text(note) + "\n";
    out += "- rollback: " + Code(rec.rollback_sql) + "\n\n";
  }
  if (!advice.rejected.empty()) {
    out += "Chosen by planner cost but **not recommended** after building them for real:\n\n";
    for (const auto& rec : advice.rejected)
      out += "- " + Code(rec.create_sql) + " — " + Text(rec.status_note) + "\n";
    out += "\n";
  }
  if (!advice.drops.empty()) {
    out += TableHead({"Drop", "Why", "Frees", "Rollback"});
    for (const auto& d : advice.drops) {
      out += Row({Code(d.drop_sql), Text(d.kind + ": " + d.reason), FormatBytes(d.bytes), Code(d.rollback_sql)});
    }
    out += "\n";
  }
  for (const auto& note : advice.notes) out += "- " + Text(note) + "\n";
  if (!advice.notes.empty()) out += "\n";
  return out;
}

std::string IndexStrategy(const Report& r) {
  std::string out = IndexAdvice(r) + "### Existing indexes and the queries that can use them\n\n";
  auto rows = internal::IndexRows(r);
  auto numbers = internal::QueryNumbers(r.workload);
  const bool workload = !r.workload.queries.empty();
  if (rows.empty()) out += "No indexes are defined.\n\n";
  if (!rows.empty()) {
    out += TableHead({"Index", "Table", "Definition", "Used by"});
    for (const auto& row : rows) {
      std::string used;
      for (const auto& u : row.uses) {
        used += (used.empty() ? "" : "<br>") + QueryRef(numbers, u.query_fingerprint) + (u.how.empty() ? "" : ": " + Text(u.how));
      }
      if (used.empty()) used = !workload ? "(no workload)" : row.enforces_constraint ? "— (enforces a constraint)" : "**no query**";
      out += Row({Code(row.index->name.name), Code(row.index->table.ToString()),
                  Code(internal::IndexDefinitionText(*row.index)), used});
    }
    out += "\n";
  }
  if (workload) {
    out += "### Indexes no query uses\n\n";
    int n = 0;
    for (const auto& row : rows) {
      if (!row.uses.empty()) continue;
      ++n;
      out += fmt::format("- {}{}\n", Code(row.index->name.ToString()),
                         row.enforces_constraint ? " — enforces a constraint; keep it" : " — candidate to drop after "
                                                                                          "checking idx_scan on production");
    }
    out += n ? "\n" : "Every index is used by at least one query.\n\n";
  }
  std::vector<const Finding*> findings;
  for (const Finding* f : internal::SortedFindings(r.schema_findings)) {
    if (internal::IsIndexFinding(*f)) findings.push_back(f);
  }
  out += "### Foreign-key, duplicate and redundant indexes\n\n" + FindingsList(findings);

  out += "### Predicates no index supports\n\n";
  auto candidates = internal::CandidateColumns(r.index_usage);
  if (!workload) {
    out += "No workload was given, so no predicates were examined.\n\n";
  } else if (candidates.empty()) {
    out += "Every predicate of the workload can use an index.\n\n";
  } else {
    out += TableHead({"Column", "Operators", "Calls", "Queries"});
    for (const auto& c : candidates) {
      std::vector<std::string> queries;
      for (const auto& fp : c.fingerprints) queries.push_back(QueryRef(numbers, fp));
      out += Row({Code(internal::CandidateText(c)), Code(fmt::format("{}", fmt::join(c.operators, " "))),
                  internal::FormatCalls(c.calls), fmt::format("{}", fmt::join(queries, ", "))});
    }
    out += "\n";
  }
  return out;
}

std::string ScratchData(const Report& r) {
  if (!r.scratch || !r.scratch->ran) return "";
  std::string out = "### Scratch database\n\n";
  out += fmt::format("{} · {} rows of {} loaded in {:.1f} s.\n\n", Text(r.scratch->server_version),
                     internal::FormatCalls(static_cast<double>(r.scratch->total_rows)), Text(r.scratch->data_origin),
                     r.scratch->load_seconds);
  out += TableHead({"Table", "Rows", "Loaded by", "Notes"});
  for (const auto& t : r.scratch->tables) {
    out += Row({Code(t.table.ToString()), internal::FormatCalls(static_cast<double>(t.rows)), Text(t.method),
                Text(fmt::format("{}", fmt::join(t.notes, "; ")))});
  }
  out += "\n";
  for (const auto& note : r.scratch->notes) out += "- " + Text(note) + "\n";
  if (!r.scratch->notes.empty()) out += "\n";
  return out;
}

std::string ScratchQueryEvidence(const Report& r, const model::Query& q) {
  if (!r.scratch || !r.scratch->ran) return "";
  const verify::QueryCheck* check = r.scratch->FindQuery(q.fingerprint);
  if (check == nullptr) return "";
  std::string out = "**On the scratch PostgreSQL:** " + Text(internal::ScratchCostText(*check));
  const std::string timing = internal::ScratchTimingText(*check);
  if (!timing.empty()) out += " · " + Text(timing);
  out += "\n\n";
  if (check->planned) {
    out += "Plan: " + Code(check->plan_outline);
    if (!check->indexes_used.empty()) {
      std::vector<std::string> coded;
      for (const auto& i : check->indexes_used) coded.push_back(Code(i));
      out += fmt::format(" · indexes used: {}", fmt::join(coded, ", "));
    }
    out += "\n\n";
  }
  // What the executed plan (EXPLAIN ANALYZE, same parameters) shows, as `dbarch explain` would.
  for (const auto& f : check->plan_findings) {
    out += fmt::format("- **{}** {} — {}", SeverityName(f.severity), Code(f.rule_id), Text(f.message));
    if (!f.evidence.empty()) out += fmt::format(" ({})", Text(fmt::format("{}", fmt::join(f.evidence, "; "))));
    out += "\n";
  }
  if (!check->plan_findings.empty()) out += "\n";
  return out;
}

std::string QueryExamples(const Report& r) {
  if (r.workload.queries.empty()) return "No workload queries were given.\n\n";
  std::string out = ScratchData(r);
  if (auto found = internal::LintFindings(r, "query/"); !found.empty())
    out += "### Anti-patterns in the workload (dbarch lint)\n\n" + FindingsList(found);
  out += RewritesMarkdown(PairRewrites(r.rewrites, r.scratch ? r.scratch->rewrites : std::vector<verify::RewriteCheck>{},
                                       r.workload),
                          internal::RewriteNotVerifiedReason(r));
  if (r.log_summary) {
    out += "### From the server log (dbarch logs)\n\nThe logged statements joined the workload below, weighted by their "
           "executions. The log's own summary — busiest query groups by total time, errors, lock waits, temporary "
           "files, checkpoints, autovacuum:\n\n" +
           Fence("", LogSummaryText(*r.log_summary, 10));
  }
  int n = 0;
  for (const model::Query* q : internal::QueriesByWeight(r.workload)) {
    out += fmt::format("### Q{}. {}\n\n", ++n, Code(internal::QueryDisplayName(*q)));
    std::vector<std::string> facts = {std::string(model::StatementKindName(q->kind)),
                                      internal::FormatCalls(q->calls) + " calls", "fingerprint " + Code(q->fingerprint)};
    std::string where = internal::QueryLocationText(*q);
    if (!where.empty() && !q->label.empty()) facts.push_back("first seen at " + Code(where));
    out += fmt::format("{}\n\n", fmt::join(facts, " · "));
    out += Fence("sql", q->normalized.empty() ? q->text : q->normalized);
    out += ScratchQueryEvidence(r, *q);
    std::vector<std::string> tables;
    for (const auto& t : q->tables) tables.push_back(Code(t.ToString()));
    auto list = [](const std::vector<std::string>& items) {
      std::vector<std::string> coded;
      for (const auto& i : items) coded.push_back(Code(i));
      return fmt::format("{}", fmt::join(coded, ", "));
    };
    out += TableHead({"Tables", "Filters", "Joins", "Order by"});
    out += Row({fmt::format("{}", fmt::join(tables, ", ")), list(internal::FilterColumns(*q)),
                list(internal::JoinColumns(*q)), list(internal::OrderColumns(*q))});
    out += "\n";
    for (const auto& d : q->diagnostics) {
      out += fmt::format("- **{}** {}: {}\n", SeverityName(d.severity), Code(d.code), Text(d.message));
    }
    if (!q->diagnostics.empty()) out += "\n";
  }
  return out;
}

std::string MigrationPlan(const Report& r) {
  std::string out;
  if (auto found = internal::LintFindings(r, "migration/"); !found.empty())
    out += "### Hazards in the existing migrations (dbarch lint)\n\n" + FindingsList(found) + "### Plan\n\n";
  for (const auto& note : r.migration.notes) out += "- " + Text(note) + "\n";
  if (!r.migration.notes.empty()) out += "\n";
  if (r.migration.steps.empty()) return out + "No migration steps: no finding has a mechanical fix.\n\n";
  out += TableHead({"#", "Step", "Lock", "Rewrites table", "Outside transaction", "Loses data", "Duration"});
  for (const auto& s : r.migration.steps) {
    out += Row({std::to_string(s.number), Text(s.title), Code(s.lock_level), s.rewrites_table ? "yes" : "no",
                s.outside_transaction ? "yes" : "no", s.loses_data ? "**yes**" : "no", Text(internal::StepDurationText(s))});
  }
  out += "\n";
  for (const auto& s : r.migration.steps) {
    out += fmt::format("### Step {}: {}\n\n", s.number, Text(s.title));
    if (!s.resolves.empty()) {
      std::vector<std::string> coded;
      for (const auto& x : s.resolves) coded.push_back(Code(x));
      out += fmt::format("Resolves {}.\n\n", fmt::join(coded, ", "));
    }
    if (!s.duration_basis.empty()) out += "Duration: " + Text(s.duration_basis) + "\n\n";
    if (!s.notes.empty()) out += Text(s.notes) + "\n\n";
    out += "Up:\n\n" + Fence("sql", s.up_sql);
    out += "Down:\n\n" + Fence("sql", s.down_sql.empty() ? "-- no automatic rollback" : s.down_sql);
  }
  return out;
}

std::string AdviceItem(const analyzers::Advice& a, std::string_view heading) {
  std::string out = fmt::format("{} {}\n\n", heading, Text(a.title));
  if (!a.detail.empty()) out += Text(a.detail) + "\n\n";
  for (const auto& e : a.evidence) out += "- " + Text(e) + "\n";
  if (!a.evidence.empty()) out += "\n";
  if (!a.snippet.empty()) out += Fence("", a.snippet);
  std::vector<std::string> meta;
  if (!a.based_on.empty()) meta.push_back("Based on: " + Text(a.based_on));
  if (!a.id.empty()) meta.push_back(Code(a.id));
  if (!meta.empty()) out += fmt::format("*{}*\n\n", fmt::join(meta, " · "));
  return out;
}

std::string Performance(const Report& r) {
  std::string out;
  if (r.configuration) out += RenderTuneMarkdown(*r.configuration, 3) + "\n";
  out += SummariesMarkdown(PairSummaries(r.denormalization, r.scratch ? r.scratch->summaries
                                                                      : std::vector<verify::SummaryCheck>{},
                                         r.workload),
                           internal::RewriteNotVerifiedReason(r));
  if (r.performance.empty()) return out.empty() ? "No performance advice.\n\n" : out;
  for (const auto& a : r.performance) out += AdviceItem(a, "###");
  return out;
}

std::string Monitoring(const Report& r) {
  const auto& m = r.monitoring;
  std::string out;
  if (r.health_findings) {
    auto health = internal::SortedFindings(*r.health_findings);
    out += "### Health of the live server (`dbarch health`)\n\n";
    out += health.empty() ? "Every health check passed.\n\n" : FindingsList(health);
    for (const Finding* f : health) out += FindingDetails(*f);
  }
  out += "### Metrics\n\n";
  if (m.metrics.empty()) {
    out += "No metrics.\n\n";
  } else {
    out += TableHead({"Metric", "Source", "Warning", "Critical", "Why"});
    for (const auto& x : m.metrics) {
      out += Row({Text(x.name), Code(x.source), Text(x.warning), Text(x.critical), Text(x.why)});
    }
    out += "\n";
  }
  if (!m.logging_settings.empty()) {
    std::string conf;
    for (const auto& line : m.logging_settings) conf += line + "\n";
    out += "### Logging (postgresql.conf)\n\n" + Fence("ini", conf);
  }
  if (!m.prometheus_rules_yaml.empty()) {
    out += "### Prometheus alerting rules\n\n" + Fence("yaml", m.prometheus_rules_yaml);
  }
  if (!m.backup.empty()) {
    out += "### Backup and point-in-time recovery\n\n";
    if (r.backup_plan) {
      out += Fence("", BackupSummaryText(*r.backup_plan));
      out += "#### pgbackrest.conf\n\n" + Fence("ini", PgBackRestConf(*r.backup_plan));
      out += "#### postgresql.conf (archiving)\n\n" + Fence("ini", PostgresqlBackupConf(*r.backup_plan));
      out += "#### crontab\n\n" + Fence("", BackupCrontab(*r.backup_plan));
    }
    for (const auto& a : m.backup) out += AdviceItem(a, "####");
  }
  return out;
}

std::string SectionBody(const Report& r, const std::string& key) {
  if (key == "schema_design") return SchemaDesign(r);
  if (key == "data_model") return DataModel(r);
  if (key == "index_strategy") return IndexStrategy(r);
  if (key == "query_examples") return QueryExamples(r);
  if (key == "migration_plan") return MigrationPlan(r);
  if (key == "performance") return Performance(r);
  return Monitoring(r);
}

}  // namespace

std::string RenderMarkdown(const Report& report) {
  auto sections = internal::DescribeSections(report);
  std::string title = report.inputs.project_name.empty() ? "Database architecture report"
                                                        : "Database architecture report: " + report.inputs.project_name;
  std::string out = "# " + Text(title) + "\n\n";
  out += fmt::format("Generated by {} {}.\n\n", report.generator, report.version);
  auto counts = internal::CountSeverities(report.schema_findings);
  out += fmt::format(
      "**At a glance:** {} tables · {} relationships · {} indexes · {} queries · findings: {} errors, {} warnings, "
      "{} info · {} migration steps\n\n",
      report.catalog.tables.size(), report.er.relationships.size(), report.catalog.indexes.size(),
      report.workload.queries.size(), counts.error, counts.warning, counts.info, report.migration.steps.size());

  out += "### Inputs\n\n";
  if (report.inputs.files.empty()) {
    out += "No input files were recorded.\n\n";
  } else {
    out += TableHead({"File", "Classification", "Detail"});
    for (const auto& f : report.inputs.files) out += Row({Code(f.path), Text(f.role), Text(f.detail)});
    out += "\n";
  }
  out += "## Contents\n\n";
  for (size_t i = 0; i < sections.size(); ++i) {
    out += fmt::format("{}. [{}](#{}-{})\n", i + 1, sections[i].title, i + 1, sections[i].anchor);
  }
  out += "\n[Appendix: loader diagnostics](#appendix-loader-diagnostics)\n\n";

  for (size_t i = 0; i < sections.size(); ++i) {
    out += SectionHeading(static_cast<int>(i + 1), sections[i]);
    out += SectionBody(report, sections[i].key);
  }

  out += "## Appendix: loader diagnostics\n\n";
  if (report.diagnostics.empty()) {
    out += "The loaders reported nothing.\n";
  } else {
    out += TableHead({"Severity", "Location", "Code", "Message"});
    for (const auto& d : report.diagnostics) {
      out += Row({std::string(SeverityName(d.severity)), Code(d.location.ToString()), Code(d.code), Text(d.message)});
    }
  }
  return out;
}

}  // namespace dbarch::report
