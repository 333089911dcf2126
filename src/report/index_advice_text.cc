#include "report/index_advice_text.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>

namespace dbarch::report {

using analyzers::IndexAdvice;
using analyzers::IndexRecommendation;

std::string FormatBytes(int64_t bytes) {
  const double b = static_cast<double>(bytes);
  if (bytes >= 1024LL * 1024 * 1024) return fmt::format("{:.1f} GB", b / (1024.0 * 1024 * 1024));
  if (bytes >= 1024LL * 1024) return fmt::format("{:.1f} MB", b / (1024.0 * 1024));
  if (bytes >= 1024) return fmt::format("{:.0f} kB", b / 1024.0);
  return fmt::format("{} B", bytes);
}

std::string EffectText(const analyzers::StatementEffect& effect) {
  std::string out = fmt::format("{} — {:g} calls, {:.1f}% of the workload's cost: cost {:.1f} → {:.1f}", effect.label,
                                effect.weight, effect.share_of_workload * 100, effect.cost_before, effect.cost_after);
  if (effect.cost_without_this > effect.cost_after * 1.0001 && effect.cost_without_this < effect.cost_before * 0.9999)
    out += fmt::format(" (without this index {:.1f})", effect.cost_without_this);
  if (effect.measured_before_ms && effect.measured_after_ms) {
    out += fmt::format("; measured {:.3f} ms → {:.3f} ms", *effect.measured_before_ms, *effect.measured_after_ms);
  }
  return out;
}

std::string IndexAdviceSummary(const IndexAdvice& advice) {
  if (!advice.ran) return "Index advice needs the scratch PostgreSQL: " + advice.not_run_reason;
  const double change = advice.workload_cost_before > 0
                            ? (advice.workload_cost_after - advice.workload_cost_before) / advice.workload_cost_before
                            : 0;
  std::string out = fmt::format("Planner cost of the workload (Σ calls × cost) {:.1f} → {:.1f} ({:+.1f}%)",
                                advice.workload_cost_before, advice.workload_cost_after, change * 100);
  out += fmt::format("; {} candidates, {} useful on their own; {} what-if planner calls for {} questions; {:.1f} s",
                     advice.candidates_generated, advice.candidates_useful, advice.whatif_calls,
                     advice.whatif_requests, advice.seconds);
  if (advice.budget_bytes > 0)
    out += fmt::format("; budget {} ({:.2f}× the {} of table data)", FormatBytes(advice.budget_bytes),
                       advice.data_bytes > 0 ? static_cast<double>(advice.budget_bytes) / static_cast<double>(advice.data_bytes) : 0,
                       FormatBytes(advice.data_bytes));
  return out;
}

namespace {

int64_t TotalBytes(const std::vector<IndexRecommendation>& recommendations) {
  int64_t total = 0;
  for (const auto& rec : recommendations) total += rec.built_bytes.value_or(rec.estimated_bytes);
  return total;
}

void AppendRecommendation(const IndexRecommendation& rec, const std::string& verb, std::string* out) {
  *out += fmt::format("{} {} [{}] ≈ {}{}\n", verb, rec.index.name.ToString(), analyzers::RecommendationStatusName(rec.status),
                      FormatBytes(rec.built_bytes.value_or(rec.estimated_bytes)),
                      rec.built_bytes ? " (built)" : " (estimated)");
  for (const auto& extension : rec.extensions) *out += fmt::format("  CREATE EXTENSION IF NOT EXISTS {};\n", extension);
  *out += "  " + rec.create_sql + "\n";
  if (!rec.status_note.empty()) *out += "  " + rec.status_note + "\n";
  *out += "  why:\n";
  for (const auto& reason : rec.rationale) *out += "    - " + reason + "\n";
  if (!rec.helps.empty()) *out += "  helps:\n";
  for (const auto& effect : rec.helps) *out += "    - " + EffectText(effect) + "\n";
  if (!rec.write_notes.empty()) *out += fmt::format("  write cost (≈ {:.1f} per workload run):\n", rec.write_overhead);
  for (const auto& note : rec.write_notes) *out += "    - " + note + "\n";
  *out += "  rollback: " + rec.rollback_sql + "\n\n";
}

// One line per change: what, where, how big, how many statements it helps, planner cost and measured change.
std::string SummaryTable(const IndexAdvice& advice) {
  if (advice.recommendations.empty() && advice.rejected.empty() && advice.drops.empty()) return "";
  std::vector<std::array<std::string, 6>> rows = {{"action", "index", "size", "helps", "cost", "measured"}};
  auto add = [&](const IndexRecommendation& rec, const std::string& action) {
    double before = 0, after = 0, best_speedup = 0;
    for (const auto& e : rec.helps) {
      before += e.weight * e.cost_before;
      after += e.weight * e.cost_after;
      if (e.measured_before_ms && e.measured_after_ms && *e.measured_after_ms > 0)
        best_speedup = std::max(best_speedup, *e.measured_before_ms / *e.measured_after_ms);
    }
    rows.push_back({action, rec.index.name.ToString(), FormatBytes(rec.built_bytes.value_or(rec.estimated_bytes)),
                    fmt::format("{} stmt", rec.helps.size()),
                    before > 0 ? fmt::format("{:+.0f}%", (after - before) / before * 100) : "",
                    best_speedup >= 1   ? fmt::format("{:.1f}× faster", best_speedup)
                    : best_speedup > 0 ? "no faster"
                                       : std::string(analyzers::RecommendationStatusName(rec.status))});
  };
  for (const auto& rec : advice.recommendations) add(rec, "add");
  for (const auto& rec : advice.rejected) add(rec, "rejected");
  for (const auto& d : advice.drops) rows.push_back({"drop", d.index.ToString(), FormatBytes(d.bytes), "", "", d.kind});
  std::array<size_t, 6> width{};
  for (const auto& row : rows)
    for (size_t c = 0; c < row.size(); ++c) width[c] = std::max(width[c], row[c].size());
  std::string out;
  for (const auto& row : rows) {
    std::string line;
    for (size_t c = 0; c < row.size(); ++c)
      line += fmt::format("{:<{}}{}", row[c], width[c], c + 1 < row.size() ? "  " : "");
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out += line + "\n";
  }
  return out + "\n";
}

}  // namespace

std::string IndexAdviceText(const IndexAdvice& advice) {
  std::string out;
  int64_t freed = 0;
  for (const auto& drop : advice.drops) freed += drop.bytes;
  out += fmt::format("Index advice: {} to add (≈ {}), {} to drop (frees {}){}\n",
                     advice.recommendations.size(), FormatBytes(TotalBytes(advice.recommendations)), advice.drops.size(),
                     FormatBytes(freed),
                     advice.rejected.empty() ? "" : fmt::format(", {} rejected after measuring", advice.rejected.size()));
  out += IndexAdviceSummary(advice) + "\n\n";
  out += SummaryTable(advice);
  for (const auto& rec : advice.recommendations) AppendRecommendation(rec, "ADD", &out);
  for (const auto& rec : advice.rejected) AppendRecommendation(rec, "NOT RECOMMENDED", &out);
  for (const auto& drop : advice.drops) {
    out += fmt::format("DROP {} [{}] frees {}\n  {}\n  {}\n  rollback: {}\n\n", drop.index.ToString(), drop.kind,
                       FormatBytes(drop.bytes), drop.drop_sql, drop.reason, drop.rollback_sql);
  }
  if (advice.ran && advice.recommendations.empty() && advice.rejected.empty())
    out += "No new index lowers the workload's cost enough to pay for itself.\n\n";
  for (const auto& note : advice.notes) out += "note: " + note + "\n";
  return out;
}

std::string IndexAdviceSql(const IndexAdvice& advice) {
  std::string out = "-- Index changes recommended by dbarch.\n";
  out += "-- " + IndexAdviceSummary(advice) + "\n";
  out += "-- CREATE/DROP INDEX CONCURRENTLY cannot run inside a transaction block: run this file with autocommit.\n";
  out += "-- A concurrent build waits for running transactions; lock_timeout bounds the brief lock it takes.\n";
  out += "SET lock_timeout = '5s';\n\n";
  std::vector<std::string> extensions;
  for (const auto& rec : advice.recommendations) {
    for (const auto& e : rec.extensions)
      if (std::find(extensions.begin(), extensions.end(), e) == extensions.end()) extensions.push_back(e);
  }
  for (const auto& e : extensions) out += fmt::format("CREATE EXTENSION IF NOT EXISTS {};\n\n", e);
  for (const auto& rec : advice.recommendations) {
    out += fmt::format("-- {} ({}, ≈ {})\n", rec.index.name.ToString(), analyzers::RecommendationStatusName(rec.status),
                       FormatBytes(rec.built_bytes.value_or(rec.estimated_bytes)));
    if (!rec.status_note.empty()) out += "-- " + rec.status_note + "\n";
    for (const auto& reason : rec.rationale) out += "-- why: " + reason + "\n";
    for (const auto& effect : rec.helps) out += "-- helps: " + EffectText(effect) + "\n";
    out += "-- rollback: " + rec.rollback_sql + "\n";
    out += rec.create_sql + "\n\n";
  }
  for (const auto& drop : advice.drops) {
    out += fmt::format("-- {} ({}, frees {}): {}\n-- rollback: {}\n{}\n\n", drop.index.ToString(), drop.kind,
                       FormatBytes(drop.bytes), drop.reason, drop.rollback_sql, drop.drop_sql);
  }
  return out;
}

nlohmann::json IndexAdviceJson(const IndexAdvice& advice) {
  using nlohmann::json;
  auto recommendation = [](const IndexRecommendation& rec) {
    json helps = json::array();
    for (const auto& e : rec.helps) {
      json item = {{"statement", e.label},       {"weight", e.weight},
                   {"cost_before", e.cost_before}, {"cost_after", e.cost_after},
                   {"cost_without_this", e.cost_without_this}, {"share_of_workload", e.share_of_workload}};
      if (!e.fingerprint.empty()) item["query"] = e.fingerprint;
      if (e.measured_before_ms) item["measured_before_ms"] = *e.measured_before_ms;
      if (e.measured_after_ms) item["measured_after_ms"] = *e.measured_after_ms;
      helps.push_back(std::move(item));
    }
    json j = {{"index", rec.index.name.ToString()},
              {"table", rec.index.table.ToString()},
              {"method", rec.index.method},
              {"shape", rec.shape},
              {"status", std::string(analyzers::RecommendationStatusName(rec.status))},
              {"status_note", rec.status_note},
              {"create_sql", rec.create_sql},
              {"rollback_sql", rec.rollback_sql},
              {"rationale", rec.rationale},
              {"extensions", rec.extensions},
              {"estimated_bytes", rec.estimated_bytes},
              {"benefit", rec.benefit},
              {"write_overhead", rec.write_overhead},
              {"write_notes", rec.write_notes},
              {"helps", helps}};
    if (rec.built_bytes) j["built_bytes"] = *rec.built_bytes;
    return j;
  };
  json add = json::array(), rejected = json::array(), drops = json::array();
  for (const auto& rec : advice.recommendations) add.push_back(recommendation(rec));
  for (const auto& rec : advice.rejected) rejected.push_back(recommendation(rec));
  for (const auto& d : advice.drops) {
    drops.push_back({{"index", d.index.ToString()}, {"table", d.table.ToString()}, {"kind", d.kind},
                     {"reason", d.reason}, {"bytes", d.bytes}, {"drop_sql", d.drop_sql},
                     {"rollback_sql", d.rollback_sql}});
  }
  json j = {{"ran", advice.ran},
            {"add", add},
            {"rejected", rejected},
            {"drop", drops},
            {"workload_cost_before", advice.workload_cost_before},
            {"workload_cost_after", advice.workload_cost_after},
            {"budget_bytes", advice.budget_bytes},
            {"data_bytes", advice.data_bytes},
            {"candidates_generated", advice.candidates_generated},
            {"candidates_useful", advice.candidates_useful},
            {"whatif_planner_calls", advice.whatif_calls},
            {"whatif_requests", advice.whatif_requests},
            {"seconds", advice.seconds},
            {"notes", advice.notes}};
  if (!advice.ran) j["not_run_reason"] = advice.not_run_reason;
  return j;
}

}  // namespace dbarch::report
