#include "report/denormalize_text.h"

#include <fmt/format.h>

#include <algorithm>

#include "common/text.h"
#include "report/index_advice_text.h"

namespace dbarch::report {
namespace {

std::string Location(const SummaryEntry& e) {
  if (e.query == nullptr || e.query->occurrences.empty()) return "";
  return e.query->occurrences.front().ToString();
}

std::string Title(const SummaryEntry& e) {
  const auto& p = *e.proposal;
  const std::string what = p.reuses_existing ? "use the existing materialized view " + p.summary_name
                                             : "summary " + p.summary_name;
  return (p.label.empty() ? "" : p.label + ": ") + what;
}

// IndentLines without the prefix-only line an empty text or a final newline would add.
std::string Indented(std::string_view text, std::string_view prefix) {
  if (text.empty()) return "";
  if (text.back() == '\n') text.remove_suffix(1);
  return IndentLines(text, prefix);
}

std::string Upkeep(const analyzers::SummaryProposal& p) {
  return fmt::format("refresh {} ({}); staleness: {}", p.refresh_interval, p.refresh_sql, p.staleness);
}

}  // namespace

std::vector<SummaryEntry> PairSummaries(const analyzers::DenormalizationAdvice& advice,
                                        const std::vector<verify::SummaryCheck>& checks,
                                        const model::Workload& workload) {
  std::vector<SummaryEntry> out;
  for (const auto& p : advice.proposals) {
    SummaryEntry e;
    e.proposal = &p;
    for (const auto& c : checks) {
      if (c.fingerprint == p.fingerprint) e.check = &c;
    }
    e.query = workload.FindByFingerprint(p.fingerprint);
    out.push_back(e);
  }
  // Verified: re-ranked by what the scratch cluster measured — planner cost saved per call × calls (cost, not
  // time, so the order does not move with machine noise); unverified proposals keep the analyzer's order after.
  auto saved = [](const SummaryEntry& e) {
    if (e.check == nullptr || !e.check->ran || !e.check->same_rows) return -1.0;
    return (e.check->cost_before - e.check->cost_after) * e.proposal->calls;
  };
  std::stable_sort(out.begin(), out.end(), [&](const SummaryEntry& a, const SummaryEntry& b) { return saved(a) > saved(b); });
  return out;
}

std::string SummaryVerdict(const SummaryEntry& e, const std::string& not_verified_reason) {
  if (e.check == nullptr) return "not verified: " + (not_verified_reason.empty() ? "no scratch run" : not_verified_reason);
  const auto& c = *e.check;
  if (!c.ran) return "not verified: " + c.error;
  if (c.recommended) return "recommended";
  return "not recommended: " + std::string(verify::VerdictText(c.verdict));
}

std::string SummaryVerificationLine(const verify::SummaryCheck& c) {
  if (!c.ran) return "not verified: " + c.error;
  std::string out = c.same_rows ? fmt::format("same rows on {} parameter sample{} ({} row{} with the widest)",
                                              c.samples, c.samples == 1 ? "" : "s", c.rows, c.rows == 1 ? "" : "s")
                                : "DIFFERENT ROWS " + c.difference;
  out += fmt::format("; planner cost {:.1f} → {:.1f}", c.cost_before, c.cost_after);
  if (c.before && c.after) {
    out += fmt::format("; median {:.3f} ms → {:.3f} ms", c.before->median_ms, c.after->median_ms);
    if (c.after->median_ms > 0) out += fmt::format(" ({:.2f}×)", c.before->median_ms / c.after->median_ms);
  }
  out += fmt::format("; refresh {:.1f} ms (median of {}), {} in {} row{} for {} fact row{}", c.refresh_ms,
                     c.refresh_runs, FormatBytes(c.summary_bytes), c.summary_rows, c.summary_rows == 1 ? "" : "s",
                     c.fact_rows, c.fact_rows == 1 ? "" : "s");
  return out;
}

std::string SummaryMigrationSql(const analyzers::SummaryProposal& p) {
  std::string out = p.create_sql + p.supporting_index_sql;
  out += fmt::format("-- Refresh {} (cron, pg_cron or the application's scheduler):\n-- {}\n", p.refresh_interval,
                     p.refresh_sql);
  out += "-- Then the query reads the summary:\n";
  out += Indented(p.rewritten_sql, "-- ");
  return out;
}

std::string SummariesText(const std::vector<SummaryEntry>& entries, const analyzers::DenormalizationAdvice& advice,
                          const model::Workload& workload, const std::string& not_verified_reason) {
  std::string out;
  for (const auto& e : entries) {
    const auto& p = *e.proposal;
    const std::string where = Location(e);
    out += fmt::format("{}{}  [{}]\n", where.empty() ? "" : where + ": ", Title(e), SummaryVerdict(e, not_verified_reason));
    out += "  why: " + p.why + "\n";
    if (!p.create_sql.empty()) out += "  create:\n" + Indented(p.create_sql, "    ");
    if (!p.supporting_index_sql.empty()) {
      out += "  index for the partial days:\n" + Indented(p.supporting_index_sql, "    ");
    }
    out += "  upkeep: " + Upkeep(p) + "\n";
    out += "  before:\n" + Indented(p.original_sql, "    ");
    out += "  after:\n" + Indented(p.rewritten_sql, "    ");
    if (!p.caveat.empty()) out += "  caveat: " + p.caveat + "\n";
    for (const auto& note : p.notes) out += "  note: " + note + "\n";
    if (e.check != nullptr) {
      out += "  verified: " + SummaryVerificationLine(*e.check) + "\n";
      for (const auto& set : e.check->parameter_sets) out += "    parameters: " + set + "\n";
      if (e.check->ran) {
        out += "  plan before: " + e.check->plan_before + "\n";
        out += "  plan after:  " + e.check->plan_after + "\n";
      }
    }
    out += "\n";
  }
  for (const auto& s : advice.skipped) {
    const model::Query* q = workload.FindByFingerprint(s.fingerprint);
    const std::string where = q != nullptr && !q->occurrences.empty() ? q->occurrences.front().ToString() + ": " : "";
    out += fmt::format("{}no summary{}: {}\n", where, s.label.empty() ? "" : " for " + s.label, s.reason);
  }
  if (!advice.skipped.empty()) out += "\n";
  out += fmt::format("{} summary proposal(s), {} aggregate query(ies) without one\n", entries.size(),
                     advice.skipped.size());
  return out;
}

std::string SummariesMarkdown(const std::vector<SummaryEntry>& entries, const std::string& not_verified_reason) {
  if (entries.empty()) return "";
  std::string out = "### Summary tables (denormalization)\n\n";
  for (const auto& e : entries) {
    const auto& p = *e.proposal;
    const std::string where = Location(e);
    out += fmt::format("#### {}{} — {}\n\n", Title(e), where.empty() ? "" : fmt::format(" (`{}`)", where),
                       SummaryVerdict(e, not_verified_reason));
    out += p.why + "\n\n";
    if (!p.create_sql.empty() || !p.supporting_index_sql.empty()) {
      out += "```sql\n" + p.create_sql + p.supporting_index_sql + "```\n\n";
    }
    out += "**Upkeep:** " + Upkeep(p) + "\n\n";
    out += "Rewritten query:\n\n```sql\n" + p.rewritten_sql + "\n```\n\n";
    if (!p.caveat.empty()) out += "**Caveat:** " + p.caveat + "\n\n";
    for (const auto& note : p.notes) out += "- " + note + "\n";
    if (!p.notes.empty()) out += "\n";
    if (e.check != nullptr) out += "**Verified:** " + SummaryVerificationLine(*e.check) + "\n\n";
  }
  return out;
}

std::string SummariesHtml(const std::vector<SummaryEntry>& entries, const std::string& not_verified_reason) {
  if (entries.empty()) return "";
  std::string out = "<h3>Summary tables (denormalization)</h3>\n";
  for (const auto& e : entries) {
    const auto& p = *e.proposal;
    const std::string where = Location(e);
    out += fmt::format("<div class=\"summary\">\n<h4>{}{} — {}</h4>\n", HtmlEscape(Title(e)),
                       where.empty() ? "" : " (<code>" + HtmlEscape(where) + "</code>)",
                       HtmlEscape(SummaryVerdict(e, not_verified_reason)));
    out += "<p>" + HtmlEscape(p.why) + "</p>\n";
    if (!p.create_sql.empty() || !p.supporting_index_sql.empty()) {
      out += "<pre>" + HtmlEscape(p.create_sql + p.supporting_index_sql) + "</pre>\n";
    }
    out += "<p><strong>Upkeep:</strong> " + HtmlEscape(Upkeep(p)) + "</p>\n";
    out += "<p>Rewritten query:</p><pre>" + HtmlEscape(p.rewritten_sql) + "</pre>\n";
    if (!p.caveat.empty()) out += "<p><strong>Caveat:</strong> " + HtmlEscape(p.caveat) + "</p>\n";
    for (const auto& note : p.notes) out += "<p>" + HtmlEscape(note) + "</p>\n";
    if (e.check != nullptr) {
      out += "<p><strong>Verified:</strong> " + HtmlEscape(SummaryVerificationLine(*e.check)) + "</p>\n";
    }
    out += "</div>\n";
  }
  return out;
}

nlohmann::json SummariesJson(const std::vector<SummaryEntry>& entries, const analyzers::DenormalizationAdvice& advice,
                             const std::string& not_verified_reason) {
  nlohmann::json proposals = nlohmann::json::array();
  for (const auto& e : entries) {
    const auto& p = *e.proposal;
    nlohmann::json j = {{"fingerprint", p.fingerprint},
                        {"label", p.label},
                        {"location", Location(e)},
                        {"calls", p.calls},
                        {"weight", p.weight},
                        {"fact_table", p.fact_table},
                        {"dimension_tables", p.dimension_tables},
                        {"time_column", p.time_column},
                        {"summary", p.summary_name},
                        {"reuses_existing", p.reuses_existing},
                        {"create_sql", p.create_sql},
                        {"supporting_index_sql", p.supporting_index_sql},
                        {"refresh_sql", p.refresh_sql},
                        {"refresh_interval", p.refresh_interval},
                        {"staleness", p.staleness},
                        {"original_sql", p.original_sql},
                        {"rewritten_sql", p.rewritten_sql},
                        {"why", p.why},
                        {"caveat", p.caveat},
                        {"notes", p.notes},
                        {"verdict", SummaryVerdict(e, not_verified_reason)}};
    if (e.check != nullptr) {
      const auto& c = *e.check;
      nlohmann::json v = {{"ran", c.ran}, {"recommended", c.recommended}};
      if (!c.ran) v["error"] = c.error;
      if (c.ran) {
        v["same_rows"] = c.same_rows;
        v["samples"] = c.samples;
        v["parameter_sets"] = c.parameter_sets;
        v["rows"] = c.rows;
        if (!c.difference.empty()) v["difference"] = c.difference;
        v["cost_before"] = c.cost_before;
        v["cost_after"] = c.cost_after;
        v["plan_before"] = c.plan_before;
        v["plan_after"] = c.plan_after;
        if (c.before) v["median_ms_before"] = c.before->median_ms;
        if (c.after) v["median_ms_after"] = c.after->median_ms;
        v["create_ms"] = c.create_ms;
        v["refresh_ms"] = c.refresh_ms;
        v["summary_bytes"] = c.summary_bytes;
        v["summary_rows"] = c.summary_rows;
        v["fact_rows"] = c.fact_rows;
      }
      j["verification"] = v;
    }
    proposals.push_back(j);
  }
  nlohmann::json skipped = nlohmann::json::array();
  for (const auto& s : advice.skipped) {
    skipped.push_back({{"fingerprint", s.fingerprint}, {"label", s.label}, {"reason", s.reason}});
  }
  return {{"proposals", proposals}, {"skipped", skipped}};
}

}  // namespace dbarch::report
