// The report as one self-contained HTML file: inline CSS, no scripts, no external resources, so it can be
// mailed, archived or opened offline. The ER diagram is inline SVG from Graphviz; long SQL folds into
// <details>. Every piece of input text goes through Escape().
#include <algorithm>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "common/text.h"
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

constexpr size_t kFoldLines = 12;  // SQL longer than this folds into <details>

std::string Escape(std::string_view text) { return HtmlEscape(text); }

std::string Code(std::string_view text) { return text.empty() ? "" : "<code>" + Escape(text) + "</code>"; }

std::string Badge(Severity s) {
  return fmt::format("<span class=\"badge {0}\">{0}</span>", SeverityName(s));
}

size_t LineCount(std::string_view text) {
  size_t n = std::count(text.begin(), text.end(), '\n');
  return text.empty() || text.back() == '\n' ? n : n + 1;
}

// A code block; long ones fold behind a summary line so the page stays scannable.
std::string Pre(std::string_view text, std::string_view summary = "", bool fold_long = true) {
  std::string block = "<pre><code>" + Escape(text) + "</code></pre>";
  if (!fold_long || LineCount(text) <= kFoldLines) {
    return summary.empty() ? block + "\n" : fmt::format("<p class=\"label\">{}</p>{}\n", Escape(summary), block);
  }
  return fmt::format("<details><summary>{} ({} lines)</summary>{}</details>\n",
                     Escape(summary.empty() ? "SQL" : summary), LineCount(text), block);
}

std::string Cells(const std::vector<std::string>& cells, std::string_view tag = "td") {
  std::string out = "<tr>";
  for (const auto& c : cells) out += fmt::format("<{0}>{1}</{0}>", tag, c);
  return out + "</tr>\n";
}

std::string TableStart(const std::vector<std::string>& headers, std::string_view css_class = "") {
  std::vector<std::string> escaped;
  for (const auto& h : headers) escaped.push_back(Escape(h));
  return fmt::format("<table{}><thead>{}</thead><tbody>\n",
                     css_class.empty() ? "" : fmt::format(" class=\"{}\"", css_class), Cells(escaped, "th"));
}

constexpr std::string_view kTableEnd = "</tbody></table>\n";

std::string CodeList(const std::vector<std::string>& items) {
  std::vector<std::string> coded;
  for (const auto& i : items) coded.push_back(Code(i));
  return fmt::format("{}", fmt::join(coded, ", "));
}

std::string Empty(std::string_view text) { return fmt::format("<p class=\"empty\">{}</p>\n", Escape(text)); }

std::string BasisBox(const SectionText& s) {
  std::string out = "<div class=\"basis\">";
  out += fmt::format("<p><strong>Based on:</strong> {}</p>", Escape(s.basis));
  if (!s.missing.empty()) {
    out += "<p><strong>Would be sharper with:</strong></p><ul>";
    for (const auto& m : s.missing) out += "<li>" + Escape(m) + "</li>";
    out += "</ul>";
  }
  return out + "</div>\n";
}

std::string FindingCard(const Finding& f) {
  std::string sev(SeverityName(f.severity));
  std::string out = fmt::format("<div class=\"finding {}\">\n<div class=\"finding-head\">{} {} <span class=\"msg\">{}</span></div>\n",
                                sev, Badge(f.severity), Code(f.rule_id), Escape(f.message));
  std::vector<std::string> meta;
  if (!f.object.empty()) meta.push_back("object " + Code(f.object));
  if (f.location.known()) meta.push_back("at " + Code(f.location.ToString()));
  if (!meta.empty()) out += fmt::format("<div class=\"meta\">{}</div>\n", fmt::join(meta, " · "));
  if (!f.explanation.empty()) out += "<p>" + Escape(f.explanation) + "</p>\n";
  if (!f.evidence.empty()) {
    out += "<ul class=\"evidence\">";
    for (const auto& e : f.evidence) out += "<li>" + Escape(e) + "</li>";
    out += "</ul>\n";
  }
  if (!f.fix_sql.empty()) out += Pre(f.fix_sql, "Fix");
  return out + "</div>\n";
}

std::string FindingsTable(const std::vector<const Finding*>& findings) {
  if (findings.empty()) return Empty("No findings.");
  std::string out = TableStart({"Severity", "Rule", "Object", "Location", "Message"});
  for (const Finding* f : findings) {
    out += Cells({Badge(f->severity), Code(f->rule_id), Code(f->object), Code(f->location.ToString()),
                  Escape(f->message)});
  }
  return out + std::string(kTableEnd);
}

std::string TableFacts(const model::Table& table) {
  std::vector<std::string> facts;
  if (table.kind != model::TableKind::kOrdinary) facts.push_back(Escape(model::TableKindName(table.kind)));
  if (!table.partition_strategy.empty()) {
    facts.push_back(Escape(fmt::format("partitioned by {} ({})", table.partition_strategy,
                                       fmt::join(table.partition_keys, ", "))));
  }
  if (table.partition_of) {
    facts.push_back(Escape(fmt::format("partition of {} {}", table.partition_of->ToString(), table.partition_bound)));
  }
  if (table.unlogged) facts.push_back("unlogged");
  if (table.rls_enabled) facts.push_back("row-level security");
  if (table.location.known()) facts.push_back("defined at " + Code(table.location.ToString()));
  return facts.empty() ? "" : fmt::format("<div class=\"meta\">{}</div>\n", fmt::join(facts, " · "));
}

// The index behind a PK/UNIQUE/EXCLUDE constraint is listed with the constraint, not twice.
bool BacksConstraint(const model::Table& table, const model::Index& index) {
  return !index.constraint_name.empty() && table.FindConstraint(index.constraint_name) != nullptr;
}

std::string SchemaDesign(const Report& r) {
  std::string out;
  if (r.catalog.tables.empty()) out += Empty("No tables were found in the inputs.");
  const auto indexes_by_table = r.catalog.IndexesByTable();
  for (const auto& [name, table] : r.catalog.tables) {
    const auto& table_indexes = internal::TableIndexes(indexes_by_table, name);
    out += fmt::format("<div class=\"dbtable\">\n<h3>{}</h3>\n", Escape(name.ToString()));
    out += TableFacts(table);
    if (table.comment) out += "<p class=\"comment\">" + Escape(*table.comment) + "</p>\n";
    out += TableStart({"Column", "Type", "Null", "Default", "Identity"}, "columns");
    for (const auto& c : table.columns) {
      bool pk = false;
      if (const auto* key = table.PrimaryKey()) {
        pk = std::find(key->columns.begin(), key->columns.end(), c.name) != key->columns.end();
      }
      out += Cells({Code(c.name) + (pk ? " <span class=\"key\">PK</span>" : ""), Code(c.type.ToSql()),
                    c.not_null ? "NOT NULL" : "<span class=\"muted\">null</span>", Code(internal::DefaultText(c)),
                    Escape(internal::IdentityText(c))});
    }
    out += kTableEnd;
    if (!table.constraints.empty() || !table_indexes.empty()) {  // a table may have neither
      out += TableStart({"Constraint / index", "Definition"}, "defs");
      for (const auto& c : table.constraints) out += Cells({Code(c.name), Code(internal::ConstraintText(c))});
      for (const auto* i : table_indexes) {
        if (BacksConstraint(table, *i)) continue;
        out += Cells({Code(i->name.name) + " <span class=\"muted\">index</span>", Code(internal::IndexDefinitionText(*i))});
      }
      out += kTableEnd;
    }
    out += "</div>\n";
  }
  auto findings = internal::SortedFindings(r.schema_findings);
  out += fmt::format("<h3 id=\"schema-findings\">Findings ({})</h3>\n", findings.size());
  out += FindingsTable(findings);
  for (const Finding* f : findings) out += FindingCard(*f);
  if (!r.security_findings.empty()) {
    auto security = internal::SortedFindings(r.security_findings);
    out += fmt::format("<h3 id=\"security-findings\">Security ({})</h3>\n", security.size());
    out += FindingsTable(security);
    for (const Finding* f : security) out += FindingCard(*f);
  }
  return out;
}

std::string DataModel(const Report& r) {
  if (r.er.entities.empty()) return Empty("No tables, so no data model.");
  std::string out;
  auto svg = DotToSvg(RenderDot(r.er));
  if (svg.ok()) {
    out += "<figure class=\"er\">\n" + *svg + "\n<figcaption>Entity-relationship diagram. PK primary key, FK foreign "
           "key, UK unique; * NOT NULL. Crow's foot = many, bar = one, circle = optional.</figcaption></figure>\n";
  } else {
    out += fmt::format("<p class=\"warning\">The ER diagram could not be drawn ({}); the relationships are listed "
                       "below.</p>\n",
                       Escape(svg.status().message()));
  }
  out += "<h3>Relationships</h3>\n";
  if (r.er.relationships.empty()) {
    out += Empty("No foreign keys are declared.");
  } else {
    out += TableStart({"Parent", "Child", "Columns (child → parent)", "Cardinality", "Parent side", "Child side",
                       "Participation", "Constraint"});
    for (const auto& rel : r.er.relationships) {
      out += Cells({Code(rel.parent.ToString()), Code(rel.child.ToString()),
                    Code(fmt::format("({}) → ({})", fmt::join(rel.child_columns, ", "),
                                     fmt::join(rel.parent_columns, ", "))),
                    "<strong>" + Escape(rel.Cardinality()) + "</strong>", Escape(internal::ParentSideText(rel.parent_side)),
                    Escape(internal::ChildSideText(rel.child_side)), Escape(internal::ParticipationText(rel)),
                    Code(rel.constraint_name)});
    }
    out += kTableEnd;
  }
  auto notes = internal::JunctionNotes(r.er);
  if (!notes.empty()) {
    out += "<ul class=\"notes\">";
    for (const auto& n : notes) out += "<li>" + Escape(n) + "</li>";
    out += "</ul>\n";
  }
  out += "<details><summary>Mermaid source</summary>" + Pre(RenderMermaid(r.er), "", false) + "</details>\n";
  return out;
}

// "Q7", linked to the query's example and with its SQL as tooltip.
std::string QueryRef(const Report& r, const std::map<std::string, int>& numbers, const std::string& fingerprint) {
  const model::Query* q = r.workload.FindByFingerprint(fingerprint);
  auto n = numbers.find(fingerprint);
  if (!q || n == numbers.end()) return Code(fingerprint);
  std::string sql = q->normalized.empty() ? q->text : q->normalized;
  if (sql.size() > 300) sql = sql.substr(0, 297) + "...";
  return fmt::format("<a class=\"qref\" href=\"#q-{}\" title=\"{}\">Q{}</a>", Escape(fingerprint),
                     Escape(internal::QueryDisplayName(*q) + "\n" + sql), n->second);
}

// The advisor's verified recommendations: what to build and drop, why, and what it did on the scratch cluster.
std::string IndexAdvice(const Report& r, const std::map<std::string, int>& numbers) {
  if (!r.index_advice) return "";
  const analyzers::IndexAdvice& advice = *r.index_advice;
  std::string out = "<h3>Recommended index changes</h3>\n";
  out += fmt::format("<p>{}</p>\n", Escape(IndexAdviceSummary(advice)));
  if (!advice.ran) return out;
  if (advice.recommendations.empty()) out += Empty("No new index lowers the workload's cost enough to pay for itself.");
  for (const auto& rec : advice.recommendations) {
    out += fmt::format("<h4>{} <span class=\"muted\">{}, ≈ {}</span></h4>\n", Code(rec.index.name.ToString()),
                       Escape(analyzers::RecommendationStatusName(rec.status)),
                       Escape(FormatBytes(rec.built_bytes.value_or(rec.estimated_bytes))));
    std::string sql;
    for (const auto& e : rec.extensions) sql += "CREATE EXTENSION IF NOT EXISTS " + e + ";\n";
    out += Pre(sql + rec.create_sql);
    if (!rec.status_note.empty()) out += fmt::format("<p>{}</p>\n", Escape(rec.status_note));
    std::string items;
    for (const auto& reason : rec.rationale) items += "<li>" + Escape(reason) + "</li>";
    for (const auto& effect : rec.helps) {
      items += "<li>helps " +
               (effect.fingerprint.empty() ? Escape(effect.label) : QueryRef(r, numbers, effect.fingerprint)) + ": " +
               Escape(EffectText(effect)) + "</li>";
    }
    for (const auto& note : rec.write_notes) items += "<li>write cost: " + Escape(note) + "</li>";
    items += "<li>rollback: " + Code(rec.rollback_sql) + "</li>";
    out += "<ul>" + items + "</ul>\n";
  }
  if (!advice.rejected.empty()) {
    out += "<p>Chosen by planner cost but <strong>not recommended</strong> after building them for real:</p><ul>";
    for (const auto& rec : advice.rejected)
      out += "<li>" + Code(rec.create_sql) + " — " + Escape(rec.status_note) + "</li>";
    out += "</ul>\n";
  }
  if (!advice.drops.empty()) {
    out += TableStart({"Drop", "Why", "Frees", "Rollback"});
    for (const auto& d : advice.drops) {
      out += Cells({Code(d.drop_sql), Escape(d.kind + ": " + d.reason), Escape(FormatBytes(d.bytes)), Code(d.rollback_sql)});
    }
    out += kTableEnd;
  }
  if (!advice.notes.empty()) {
    out += "<ul>";
    for (const auto& note : advice.notes) out += "<li>" + Escape(note) + "</li>";
    out += "</ul>\n";
  }
  return out;
}

std::string IndexStrategy(const Report& r) {
  const bool workload = !r.workload.queries.empty();
  auto rows = internal::IndexRows(r);
  auto numbers = internal::QueryNumbers(r.workload);
  std::string out = IndexAdvice(r, numbers) + "<h3>Existing indexes and the queries that can use them</h3>\n";
  if (rows.empty()) {
    out += Empty("No indexes are defined.");
  } else {
    out += TableStart({"Index", "Table", "Definition", "Used by"});
    for (const auto& row : rows) {
      std::string used;
      for (const auto& u : row.uses) {
        used += fmt::format("<div>{}{}</div>", QueryRef(r, numbers, u.query_fingerprint),
                            u.how.empty() ? "" : " <span class=\"muted\">" + Escape(u.how) + "</span>");
      }
      if (used.empty()) {
        used = !workload                 ? "<span class=\"muted\">no workload</span>"
               : row.enforces_constraint ? "<span class=\"muted\">no query (enforces a constraint)</span>"
                                         : "<span class=\"unused\">no query</span>";
      }
      out += Cells({Code(row.index->name.name), Code(row.index->table.ToString()),
                    Code(internal::IndexDefinitionText(*row.index)), used});
    }
    out += kTableEnd;
  }
  if (workload) {
    out += "<h3>Indexes no query uses</h3>\n";
    std::string items;
    for (const auto& row : rows) {
      if (!row.uses.empty()) continue;
      items += fmt::format("<li>{} — {}</li>", Code(row.index->name.ToString()),
                           row.enforces_constraint ? "enforces a constraint; keep it"
                                                   : "candidate to drop after checking idx_scan on production");
    }
    out += items.empty() ? Empty("Every index is used by at least one query.") : "<ul>" + items + "</ul>\n";
  }
  std::vector<const Finding*> findings;
  for (const Finding* f : internal::SortedFindings(r.schema_findings)) {
    if (internal::IsIndexFinding(*f)) findings.push_back(f);
  }
  out += "<h3>Foreign-key, duplicate and redundant indexes</h3>\n" + FindingsTable(findings);
  if (!findings.empty()) {
    out += "<p class=\"muted\">Details and fixes are in <a href=\"#schema-findings\">the schema findings</a>.</p>\n";
  }
  out += "<h3>Predicates no index supports</h3>\n";
  auto candidates = internal::CandidateColumns(r.index_usage);
  if (!workload) {
    out += Empty("No workload was given, so no predicates were examined.");
  } else if (candidates.empty()) {
    out += Empty("Every predicate of the workload can use an index.");
  } else {
    out += TableStart({"Column", "Operators", "Calls", "Queries"});
    for (const auto& c : candidates) {
      std::vector<std::string> queries;
      for (const auto& fp : c.fingerprints) queries.push_back(QueryRef(r, numbers, fp));
      out += Cells({Code(internal::CandidateText(c)), Code(fmt::format("{}", fmt::join(c.operators, " "))),
                    "<span class=\"num\">" + internal::FormatCalls(c.calls) + "</span>",
                    fmt::format("{}", fmt::join(queries, ", "))});
    }
    out += kTableEnd;
  }
  return out;
}

std::string ScratchData(const Report& r) {
  if (!r.scratch || !r.scratch->ran) return "";
  std::string out = "<h3>Scratch database</h3>\n";
  out += fmt::format("<p>{} · <strong>{}</strong> rows of {} loaded in {:.1f} s.</p>\n", Escape(r.scratch->server_version),
                     internal::FormatCalls(static_cast<double>(r.scratch->total_rows)), Escape(r.scratch->data_origin),
                     r.scratch->load_seconds);
  out += "<table><thead><tr><th>Table</th><th>Rows</th><th>Loaded by</th><th>Notes</th></tr></thead><tbody>\n";
  for (const auto& t : r.scratch->tables) {
    out += fmt::format("<tr><td>{}</td><td class=\"num\">{}</td><td>{}</td><td>{}</td></tr>\n", Code(t.table.ToString()),
                       internal::FormatCalls(static_cast<double>(t.rows)), Escape(t.method),
                       Escape(fmt::format("{}", fmt::join(t.notes, "; "))));
  }
  out += "</tbody></table>\n";
  if (!r.scratch->notes.empty()) {
    out += "<ul>";
    for (const auto& note : r.scratch->notes) out += "<li>" + Escape(note) + "</li>";
    out += "</ul>\n";
  }
  return out;
}

std::string ScratchQueryEvidence(const Report& r, const model::Query& q) {
  if (!r.scratch || !r.scratch->ran) return "";
  const verify::QueryCheck* check = r.scratch->FindQuery(q.fingerprint);
  if (check == nullptr) return "";
  std::string out = "<p class=\"evidence\"><strong>On the scratch PostgreSQL:</strong> " +
                    Escape(internal::ScratchCostText(*check));
  const std::string timing = internal::ScratchTimingText(*check);
  if (!timing.empty()) out += " · " + Escape(timing);
  if (check->planned) {
    out += "<br>Plan: " + Code(check->plan_outline);
    if (!check->indexes_used.empty()) out += " · indexes used: " + CodeList(check->indexes_used);
  }
  out += "</p>\n";
  // What the executed plan (EXPLAIN ANALYZE, same parameters) shows, as `dbarch explain` would.
  if (!check->plan_findings.empty()) {
    out += "<ul class=\"plan-findings\">\n";
    for (const auto& f : check->plan_findings) {
      std::string evidence;
      for (const auto& e : f.evidence) evidence += (evidence.empty() ? "" : "; ") + e;
      out += fmt::format("<li><strong>{}</strong> {} — {}{}</li>\n", Escape(std::string(SeverityName(f.severity))),
                         Code(f.rule_id), Escape(f.message), evidence.empty() ? "" : " (" + Escape(evidence) + ")");
    }
    out += "</ul>\n";
  }
  return out;
}

std::string QueryExamples(const Report& r) {
  if (r.workload.queries.empty()) return Empty("No workload queries were given.");
  std::string out = ScratchData(r);
  if (auto found = internal::LintFindings(r, "query/"); !found.empty())
    out += "<h3>Anti-patterns in the workload (dbarch lint)</h3>\n" + FindingsTable(found);
  out += RewritesHtml(PairRewrites(r.rewrites, r.scratch ? r.scratch->rewrites : std::vector<verify::RewriteCheck>{},
                                   r.workload),
                      internal::RewriteNotVerifiedReason(r));
  if (r.log_summary) {
    out += "<h3>From the server log (dbarch logs)</h3>\n<p>The logged statements joined the workload below, weighted by "
           "their executions. The log's own summary — busiest query groups by total time, errors, lock waits, "
           "temporary files, checkpoints, autovacuum:</p>\n<pre>" +
           Escape(LogSummaryText(*r.log_summary, 10)) + "</pre>\n";
  }
  int n = 0;
  for (const model::Query* q : internal::QueriesByWeight(r.workload)) {
    out += fmt::format("<div class=\"query\" id=\"q-{}\">\n<h3><span class=\"qnum\">Q{}</span> {}</h3>\n",
                       Escape(q->fingerprint), ++n, Escape(internal::QueryDisplayName(*q)));
    std::vector<std::string> facts = {"<span class=\"kind\">" + Escape(model::StatementKindName(q->kind)) + "</span>",
                                      "<strong>" + internal::FormatCalls(q->calls) + "</strong> calls",
                                      "fingerprint " + Code(q->fingerprint)};
    std::string where = internal::QueryLocationText(*q);
    if (!where.empty() && !q->label.empty()) facts.push_back("first seen at " + Code(where));
    out += fmt::format("<div class=\"meta\">{}</div>\n", fmt::join(facts, " · "));
    out += Pre(q->normalized.empty() ? q->text : q->normalized, "Normalized SQL");
    out += ScratchQueryEvidence(r, *q);
    std::vector<std::string> tables;
    for (const auto& t : q->tables) tables.push_back(t.ToString());
    out += "<dl class=\"facts\">";
    auto fact = [&](std::string_view term, const std::vector<std::string>& items) {
      if (!items.empty()) out += fmt::format("<dt>{}</dt><dd>{}</dd>", term, CodeList(items));
    };
    fact("Tables", tables);
    fact("Filters", internal::FilterColumns(*q));
    fact("Joins", internal::JoinColumns(*q));
    fact("Order by", internal::OrderColumns(*q));
    out += "</dl>\n";
    if (!q->diagnostics.empty()) {
      out += "<ul class=\"diagnostics\">";
      for (const auto& d : q->diagnostics) {
        out += fmt::format("<li>{} {} {}</li>", Badge(d.severity), Code(d.code), Escape(d.message));
      }
      out += "</ul>\n";
    }
    out += "</div>\n";
  }
  return out;
}

std::string YesNo(bool value, bool alarming = false) {
  if (!value) return "<span class=\"muted\">no</span>";
  return alarming ? "<span class=\"badge error\">yes</span>" : "<strong>yes</strong>";
}

std::string MigrationPlan(const Report& r) {
  std::string out;
  if (auto found = internal::LintFindings(r, "migration/"); !found.empty())
    out += "<h3>Hazards in the existing migrations (dbarch lint)</h3>\n" + FindingsTable(found) + "<h3>Plan</h3>\n";
  if (!r.migration.notes.empty()) {
    out += "<ul class=\"notes\">";
    for (const auto& note : r.migration.notes) out += "<li>" + Escape(note) + "</li>";
    out += "</ul>\n";
  }
  if (r.migration.steps.empty()) return out + Empty("No migration steps: no finding has a mechanical fix.");
  out += TableStart({"#", "Step", "Lock", "Rewrites table", "Outside transaction", "Loses data", "Duration"});
  for (const auto& s : r.migration.steps) {
    out += Cells({fmt::format("<a href=\"#step-{0}\">{0}</a>", s.number), Escape(s.title),
                  "<code class=\"lock\">" + Escape(s.lock_level) + "</code>",
                  YesNo(s.rewrites_table), YesNo(s.outside_transaction), YesNo(s.loses_data, true),
                  Escape(internal::StepDurationText(s))});
  }
  out += kTableEnd;
  for (const auto& s : r.migration.steps) {
    out += fmt::format("<div class=\"step\" id=\"step-{0}\">\n<h3><span class=\"qnum\">Step {0}</span> {1}</h3>\n",
                       s.number, Escape(s.title));
    std::vector<std::string> meta = {"lock " + Code(s.lock_level)};
    if (s.rewrites_table) meta.push_back("rewrites the table");
    if (s.outside_transaction) meta.push_back("run outside a transaction");
    if (s.loses_data) meta.push_back("<strong>loses data</strong>");
    if (!s.duration_basis.empty()) meta.push_back("duration " + Escape(s.duration_basis));
    out += fmt::format("<div class=\"meta\">{}</div>\n", fmt::join(meta, " · "));
    if (!s.resolves.empty()) out += "<p>Resolves " + CodeList(s.resolves) + ".</p>\n";
    if (!s.notes.empty()) out += "<p>" + Escape(s.notes) + "</p>\n";
    out += "<div class=\"updown\">" + Pre(s.up_sql, "Up") +
           Pre(s.down_sql.empty() ? "-- no automatic rollback" : s.down_sql, "Down") + "</div>\n</div>\n";
  }
  return out;
}

std::string AdviceCard(const analyzers::Advice& a) {
  std::string out = "<div class=\"advice\">\n<h3>" + Escape(a.title) + "</h3>\n";
  if (!a.detail.empty()) out += "<p>" + Escape(a.detail) + "</p>\n";
  if (!a.evidence.empty()) {
    out += "<ul class=\"evidence\">";
    for (const auto& e : a.evidence) out += "<li>" + Escape(e) + "</li>";
    out += "</ul>\n";
  }
  if (!a.snippet.empty()) out += Pre(a.snippet, "Apply");
  std::vector<std::string> meta;
  if (!a.based_on.empty()) meta.push_back("based on " + Escape(a.based_on));
  if (!a.id.empty()) meta.push_back(Code(a.id));
  if (!meta.empty()) out += fmt::format("<div class=\"meta\">{}</div>\n", fmt::join(meta, " · "));
  return out + "</div>\n";
}

std::string ConfigurationHtml(const TuneReport& t) {
  const auto& a = t.advice;
  const auto& hw = a.hardware;
  auto origin = [](const std::string& o) { return o.empty() ? std::string() : " (" + o + ")"; };
  std::string out = "<h3>Configuration</h3>\n";
  out += fmt::format("<p>For {:.1f} GB RAM{}, {} CPUs{}, {}{}; {} workload ({}); max_connections = {}.</p>\n",
                     static_cast<double>(hw.ram_bytes) / (1024.0 * 1024 * 1024), Escape(origin(hw.ram_origin)), hw.cpus,
                     Escape(origin(hw.cpus_origin)), analyzers::StorageKindName(hw.storage),
                     Escape(origin(hw.storage_origin)), analyzers::WorkloadClassName(a.profile.workload_class),
                     a.profile.inferred ? "inferred" : "given", a.max_connections);
  if (!a.profile.evidence.empty()) {
    out += "<ul class=\"evidence\">";
    for (const auto& e : a.profile.evidence) out += "<li>" + Escape(e) + "</li>";
    out += "</ul>\n";
  }
  out += "<table><tr><th>setting</th><th>recommended</th><th>default</th><th>why</th></tr>\n";
  for (const auto& s : a.settings) {
    out += fmt::format("<tr><td>{}</td><td>{}</td><td>{}{}</td><td>{}</td></tr>\n", Code(s.name), Code(s.value),
                       Code(s.postgres_default), s.restart_required ? " (restart)" : "", Escape(s.reason));
  }
  out += "</table>\n";
  out += Pre(RenderPostgresqlConf(a), "postgresql.conf fragment");
  if (!a.table_overrides.empty()) out += Pre(RenderTableOverridesSql(a), "Per-table autovacuum (SQL)");
  out += "<h3>Connection pooling</h3>\n<ul>";
  for (const auto& r : a.pooler.reasons) out += "<li>" + Escape(r) + "</li>";
  for (const auto& f : a.pooler.session_features) out += "<li>needs a session: " + Escape(f) + "</li>";
  out += "</ul>\n" + Pre(RenderPgbouncerIni(a), "pgbouncer.ini");
  if (t.benchmark) {
    const auto& b = *t.benchmark;
    out += fmt::format("<h3>Measured: PostgreSQL defaults vs recommended</h3>\n<p>pgbench scale {}, {} clients, {} s "
                       "per run, on two scratch clusters that differ only in the tuned settings.</p>\n",
                       b.scale, b.clients, b.seconds);
    out += "<table><tr><th>pgbench mode</th><th>defaults tps</th><th>recommended tps</th><th>change</th>"
           "<th>latency (ms)</th></tr>\n";
    for (const auto& base : b.baseline.results) {
      for (const auto& tuned : b.tuned.results) {
        if (tuned.mode != base.mode) continue;
        out += fmt::format("<tr><td>{}</td><td>{:.0f}</td><td>{:.0f}</td><td>{}</td><td>{:.2f} → {:.2f}</td></tr>\n",
                           Escape(base.mode), base.tps, tuned.tps, Escape(PercentChange(base.tps, tuned.tps)),
                           base.latency_ms, tuned.latency_ms);
      }
    }
    out += "</table>\n";
  } else if (!t.benchmark_not_run.empty()) {
    out += "<p>Not measured: " + Escape(t.benchmark_not_run) + "</p>\n";
  }
  if (t.workload_benchmark) {
    const auto& w = *t.workload_benchmark;
    out += "<h3>Measured: the workload under both configurations</h3>\n<p>" + Escape(WorkloadSetupSentence(w)) + "</p>\n";
    out += "<p>Call-weighted total: " + Escape(WorkloadTotalLine(w)) + ". Statements: " +
           Escape(WorkloadVerdictCounts(w)) + ".</p>\n";
    if (const std::string applied = AppliedSettingsDifferences(w.baseline.applied, w.tuned.applied); !applied.empty()) {
      out += "<p>Read back from pg_settings (defaults → recommended): " + Escape(applied) + ".</p>\n";
    }
    out += "<table><tr><th>statement</th><th>calls</th><th>cost (defaults → recommended)</th>"
           "<th>median ms (defaults → recommended)</th><th>ratio</th><th>verdict</th><th>plan</th></tr>\n";
    std::string changed_plans;
    for (const auto& st : w.statements) {
      out += fmt::format("<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n",
                         Escape(StatementName(st)), st.calls, Escape(StatementCosts(st)), Escape(StatementMedians(st)),
                         Escape(MedianRatio(st)),
                         Escape(verify::TimingVerdictName(verify::CompareTimings(st.baseline, st.tuned))),
                         Escape(PlanCell(st)));
      if (verify::PlanChanged(st.baseline, st.tuned)) {
        changed_plans += fmt::format("<li>{}<ul><li>defaults: {}</li><li>recommended: {}</li></ul></li>",
                                     Escape(StatementName(st)), Code(st.baseline.plan), Code(st.tuned.plan));
      }
    }
    out += "</table>\n";
    if (!changed_plans.empty()) {
      out += "<p>Plans that changed (as executed in the timed runs):</p>\n<ul>" + changed_plans + "</ul>\n";
    }
    for (const auto& n : w.notes) out += "<p>" + Escape(n) + "</p>\n";
  } else if (!t.workload_benchmark_not_run.empty()) {
    out += "<p>Workload not replayed: " + Escape(t.workload_benchmark_not_run) + "</p>\n";
  }
  return out;
}

std::string Performance(const Report& r) {
  std::string out;
  if (r.configuration) out += ConfigurationHtml(*r.configuration);
  out += SummariesHtml(PairSummaries(r.denormalization, r.scratch ? r.scratch->summaries
                                                                  : std::vector<verify::SummaryCheck>{},
                                     r.workload),
                       internal::RewriteNotVerifiedReason(r));
  if (r.performance.empty()) return out.empty() ? Empty("No performance advice.") : out;
  if (r.configuration) out += "<h3>Schema and workload</h3>\n";
  for (const auto& a : r.performance) out += AdviceCard(a);
  return out;
}

std::string Monitoring(const Report& r) {
  const auto& m = r.monitoring;
  std::string out;
  if (r.health_findings) {
    auto health = internal::SortedFindings(*r.health_findings);
    out += fmt::format("<h3 id=\"health-findings\">Health of the live server ({})</h3>\n", health.size());
    out += health.empty() ? Empty("Every health check passed.") : FindingsTable(health);
    for (const Finding* f : health) out += FindingCard(*f);
  }
  out += "<h3>Metrics and thresholds</h3>\n";
  if (m.metrics.empty()) {
    out += Empty("No metrics.");
  } else {
    out += TableStart({"Metric", "Source", "Warning", "Critical", "Why"});
    for (const auto& x : m.metrics) {
      out += Cells({Escape(x.name), Code(x.source), "<span class=\"warn\">" + Escape(x.warning) + "</span>",
                    "<span class=\"crit\">" + Escape(x.critical) + "</span>", Escape(x.why)});
    }
    out += kTableEnd;
  }
  if (!m.logging_settings.empty()) {
    std::string conf;
    for (const auto& line : m.logging_settings) conf += line + "\n";
    out += "<h3>Logging (postgresql.conf)</h3>\n" + Pre(conf, "", false);
  }
  if (!m.prometheus_rules_yaml.empty()) {
    out += "<h3>Prometheus alerting rules</h3>\n<details><summary>rules.yml for postgres_exporter (" +
           std::to_string(LineCount(m.prometheus_rules_yaml)) + " lines)</summary>" +
           Pre(m.prometheus_rules_yaml, "", false) + "</details>\n";
  }
  if (!m.backup.empty()) {
    out += "<h3>Backup and point-in-time recovery</h3>\n";
    if (r.backup_plan) {
      out += Pre(BackupSummaryText(*r.backup_plan), "", false);
      out += Pre(PgBackRestConf(*r.backup_plan), "pgbackrest.conf");
      out += Pre(PostgresqlBackupConf(*r.backup_plan), "postgresql.conf (archiving)");
      out += Pre(BackupCrontab(*r.backup_plan), "crontab");
    }
    for (const auto& a : m.backup) out += AdviceCard(a);
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

constexpr std::string_view kStyle = R"CSS(
:root{--ink:#1b2533;--muted:#5f6f82;--line:#dfe5ec;--soft:#f4f6f9;--accent:#1f3a5f;--accent2:#2f6db5}
*{box-sizing:border-box}
body{margin:0;background:#e9edf2;color:var(--ink);font:15px/1.55 "Segoe UI",-apple-system,"Helvetica Neue",Helvetica,Arial,sans-serif}
main{max-width:1200px;margin:24px auto;background:#fff;padding:44px 56px 64px;box-shadow:0 1px 4px rgba(20,40,70,.12);border-radius:6px}
header.cover{border-bottom:3px solid var(--accent);padding-bottom:18px;margin-bottom:24px}
.eyebrow{text-transform:uppercase;letter-spacing:.12em;font-size:12px;color:var(--accent2);font-weight:600}
h1{font-size:30px;margin:4px 0 6px;color:var(--accent)}
h2{font-size:23px;margin:52px 0 14px;padding-bottom:6px;border-bottom:1px solid var(--line);color:var(--accent)}
h2 .num{display:inline-block;min-width:34px;color:var(--accent2)}
h3{font-size:17px;margin:28px 0 8px}
.subtitle,.muted,.meta{color:var(--muted)}
.meta{font-size:13px;margin:2px 0 8px}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(112px,1fr));gap:10px;margin:18px 0}
.card{border:1px solid var(--line);border-radius:8px;padding:10px 14px;background:var(--soft)}
.card .n{font-size:26px;font-weight:650;color:var(--accent);line-height:1.2}
.card .l{font-size:12px;color:var(--muted);text-transform:uppercase;letter-spacing:.05em}
nav.toc{background:var(--soft);border:1px solid var(--line);border-radius:8px;padding:12px 22px;margin:20px 0}
nav.toc ol{margin:6px 0;padding-left:22px;columns:2}
nav.toc a{color:var(--accent2);text-decoration:none}
a{color:var(--accent2)}
.basis{background:#f1f5fb;border-left:4px solid var(--accent2);border-radius:4px;padding:8px 16px;font-size:14px;margin:0 0 18px}
.basis p{margin:4px 0}.basis ul{margin:2px 0 6px;padding-left:20px}
table{border-collapse:collapse;width:100%;font-size:13.5px;margin:8px 0 18px}
th{text-align:left;background:var(--soft);border-bottom:2px solid var(--line);padding:6px 8px;font-weight:600;white-space:nowrap}
td{border-bottom:1px solid var(--line);padding:5px 8px;vertical-align:top}
tbody tr:hover{background:#fafbfd}
code{font-family:"SFMono-Regular",Menlo,Consolas,"Liberation Mono",monospace;font-size:12.5px;background:var(--soft);padding:1px 4px;border-radius:3px;overflow-wrap:break-word}
pre{background:#0f1d2e;color:#e3eaf3;padding:12px 16px;border-radius:6px;overflow-x:auto;font-size:12.5px;line-height:1.5;margin:6px 0 12px}
pre code{background:none;padding:0;color:inherit;font-size:inherit}
code.lock{white-space:nowrap}
a.qref{font-weight:600;text-decoration:none;background:#e9f0fa;border-radius:3px;padding:0 5px;font-size:12.5px}
p.label{margin:8px 0 2px;font-size:12px;font-weight:600;text-transform:uppercase;letter-spacing:.05em;color:var(--muted)}
details{margin:6px 0 12px}
details>summary{cursor:pointer;color:var(--accent2);font-weight:500;font-size:14px}
.badge{display:inline-block;padding:0 8px;border-radius:10px;font-size:11px;font-weight:700;text-transform:uppercase;letter-spacing:.04em;line-height:18px;vertical-align:1px}
.badge.error{background:#fdeceb;color:#b42318;border:1px solid #f4b4ae}
.badge.warning{background:#fff5de;color:#8a5800;border:1px solid #efd08c}
.badge.info{background:#e9f2fd;color:#1d5fa8;border:1px solid #b5cff2}
.dbtable{border:1px solid var(--line);border-radius:8px;padding:4px 16px 4px;margin:16px 0}
.dbtable h3{margin:12px 0 2px;font-family:"SFMono-Regular",Menlo,Consolas,monospace;font-size:16px;color:var(--accent)}
.dbtable table{margin:6px 0 12px}
table.columns td:first-child{width:26%}table.defs td:first-child{width:34%}
.key{font-size:10px;font-weight:700;color:#a0700a}
.comment{font-style:italic;color:var(--muted);margin:2px 0}
.finding,.advice,.query,.step{border:1px solid var(--line);border-radius:8px;padding:10px 16px;margin:12px 0}
.finding{border-left:4px solid #9aa8bb}.finding.error{border-left-color:#d92d20}.finding.warning{border-left-color:#e8a300}.finding.info{border-left-color:#3b82f6}
.finding-head{font-size:14.5px}.finding-head .msg{font-weight:600}
.finding p,.advice p{margin:6px 0}
.evidence{margin:4px 0;padding-left:20px;font-size:13.5px;color:#34435a}
.query h3,.step h3,.advice h3{margin:6px 0 4px}
.qnum{display:inline-block;background:var(--accent);color:#fff;border-radius:4px;font-size:12px;padding:0 7px;margin-right:6px;vertical-align:2px}
.kind{font-weight:600;color:var(--accent2)}
dl.facts{display:grid;grid-template-columns:90px 1fr;gap:2px 12px;font-size:13.5px;margin:6px 0}
dl.facts dt{color:var(--muted)}dl.facts dd{margin:0}
.updown{display:grid;grid-template-columns:1fr 1fr;gap:14px}
.updown pre{margin-top:2px}
figure.er{margin:10px 0 16px;border:1px solid var(--line);border-radius:8px;padding:12px;overflow-x:auto;background:#fff}
figure.er svg{display:block;margin:0 auto;max-width:100%;height:auto}
figcaption{font-size:12.5px;color:var(--muted);margin-top:8px;text-align:center}
.unused{color:#b42318;font-weight:600}.warn{color:#8a5800}.crit{color:#b42318;font-weight:600}
.num{font-variant-numeric:tabular-nums}
.empty{color:var(--muted);font-style:italic}
p.warning{background:#fff5de;border:1px solid #efd08c;padding:8px 12px;border-radius:6px}
footer{margin-top:48px;padding-top:12px;border-top:1px solid var(--line);font-size:12.5px;color:var(--muted)}
@media print{body{background:#fff}main{box-shadow:none;margin:0;padding:0;max-width:none}pre{white-space:pre-wrap}h2{break-before:page}.finding,.query,.step,.advice,.dbtable{break-inside:avoid}}
@media (max-width:800px){main{padding:20px}.updown{grid-template-columns:1fr}nav.toc ol{columns:1}}
)CSS";

std::string Cover(const Report& r) {
  std::string project = r.inputs.project_name.empty() ? "Database" : r.inputs.project_name;
  std::string out = "<header class=\"cover\">\n<div class=\"eyebrow\">PostgreSQL architecture review</div>\n";
  out += fmt::format("<h1>{}</h1>\n", Escape(project));
  out += fmt::format("<div class=\"subtitle\">Generated by {} {} from the schema and workload files of the "
                     "repository.</div>\n</header>\n",
                     Escape(r.generator), Escape(r.version));
  auto counts = internal::CountSeverities(r.schema_findings);
  auto card = [](auto n, std::string_view label) {
    return fmt::format("<div class=\"card\"><div class=\"n\">{}</div><div class=\"l\">{}</div></div>", n, label);
  };
  out += "<div class=\"cards\">" + card(r.catalog.tables.size(), "tables") +
         card(r.er.relationships.size(), "relationships") + card(r.catalog.indexes.size(), "indexes") +
         card(r.workload.queries.size(), "queries") + card(counts.error, "errors") +
         card(counts.warning, "warnings") + card(counts.info, "notes") +
         card(r.migration.steps.size(), "migration steps") + "</div>\n";
  return out;
}

std::string Contents(const std::vector<SectionText>& sections) {
  std::string out = "<nav class=\"toc\"><strong>Contents</strong><ol>";
  for (const auto& s : sections) out += fmt::format("<li><a href=\"#{}\">{}</a></li>", s.anchor, Escape(s.title));
  out += "<li><a href=\"#diagnostics\">Appendix: loader diagnostics</a></li>";
  out += "</ol></nav>\n";
  return out;
}

std::string Inputs(const Report& r) {
  std::string out = "<section id=\"inputs\"><h3>Inputs</h3>\n";
  auto availability = [](bool yes) { return yes ? "given" : "not given"; };
  out += fmt::format("<p class=\"meta\">Workload: {} · live database: {} · data: {}</p>\n",
                     availability(!r.workload.queries.empty()), availability(r.inputs.has_live_database),
                     availability(r.inputs.has_data));
  if (r.inputs.files.empty()) return out + Empty("No input files were recorded.") + "</section>\n";
  out += TableStart({"File", "Classification", "Detail"});
  for (const auto& f : r.inputs.files) out += Cells({Code(f.path), Escape(f.role), Escape(f.detail)});
  return out + std::string(kTableEnd) + "</section>\n";
}

std::string Diagnostics(const Report& r) {
  std::string out = "<section id=\"diagnostics\"><h2>Appendix: loader diagnostics</h2>\n";
  if (r.diagnostics.empty()) return out + Empty("The loaders reported nothing.") + "</section>\n";
  out += TableStart({"Severity", "Location", "Code", "Message"});
  for (const auto& d : r.diagnostics) {
    out += Cells({Badge(d.severity), Code(d.location.ToString()), Code(d.code), Escape(d.message)});
  }
  return out + std::string(kTableEnd) + "</section>\n";
}

}  // namespace

std::string RenderHtml(const Report& report) {
  auto sections = internal::DescribeSections(report);
  std::string title = report.inputs.project_name.empty() ? "Database architecture report"
                                                        : report.inputs.project_name + " — database architecture report";
  std::string out = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
  out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  out += fmt::format("<meta name=\"generator\" content=\"{} {}\">\n", Escape(report.generator), Escape(report.version));
  out += "<title>" + Escape(title) + "</title>\n<style>" + std::string(kStyle) + "</style>\n</head>\n<body>\n<main>\n";
  out += Cover(report);
  out += Inputs(report);
  out += Contents(sections);
  for (size_t i = 0; i < sections.size(); ++i) {
    const auto& s = sections[i];
    out += fmt::format("<section id=\"{}\">\n<h2><span class=\"num\">{}</span>{}</h2>\n", s.anchor, i + 1,
                       Escape(s.title));
    out += BasisBox(s);
    out += SectionBody(report, s.key);
    out += "</section>\n";
  }
  out += Diagnostics(report);
  out += fmt::format("<footer>{} {} · PostgreSQL architecture review of {}</footer>\n", Escape(report.generator),
                     Escape(report.version), Escape(report.inputs.project_name.empty() ? "the given files"
                                                                                       : report.inputs.project_name));
  return out + "</main>\n</body>\n</html>\n";
}

}  // namespace dbarch::report
