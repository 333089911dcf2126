#include "report/tune_text.h"

#include <fmt/format.h>

#include <cmath>
#include <sstream>

#include "common/text.h"

namespace dbarch::report {

namespace {

// Word-wraps `text` into comment lines of at most `width` characters starting with `prefix`.
std::string Wrap(const std::string& text, const std::string& prefix, size_t width = 100) {
  std::istringstream words(text);
  std::string word, line, out;
  while (words >> word) {
    if (!line.empty() && prefix.size() + line.size() + 1 + word.size() > width) {
      out += prefix + line + "\n";
      line.clear();
    }
    line += (line.empty() ? "" : " ") + word;
  }
  if (!line.empty()) out += prefix + line + "\n";
  return out;
}

std::string Origin(const std::string& origin) { return origin.empty() ? "" : " (" + origin + ")"; }

std::string HardwareLine(const analyzers::HardwareFacts& hw) {
  return fmt::format("{:.1f} GB RAM{}, {} CPU{}{}, {}{}",
                     static_cast<double>(hw.ram_bytes) / (1024.0 * 1024 * 1024), Origin(hw.ram_origin), hw.cpus,
                     hw.cpus == 1 ? "" : "s", Origin(hw.cpus_origin), analyzers::StorageKindName(hw.storage),
                     Origin(hw.storage_origin));
}

std::string ProfileLine(const analyzers::WorkloadProfile& p) {
  return fmt::format("{} workload ({})", analyzers::WorkloadClassName(p.workload_class),
                     p.inferred ? "inferred" : "given");
}

const verify::PgbenchResult* FindMode(const verify::ConfigurationRun& run, const std::string& mode) {
  for (const auto& r : run.results) {
    if (r.mode == mode) return &r;
  }
  return nullptr;
}

std::vector<std::string> BenchmarkLines(const verify::ConfigBenchmark& b) {
  std::vector<std::string> lines;
  for (const auto& base : b.baseline.results) {
    const auto* tuned = FindMode(b.tuned, base.mode);
    if (tuned == nullptr) continue;
    lines.push_back(fmt::format("{}: {:.0f} → {:.0f} tps ({}), latency {:.2f} → {:.2f} ms", base.mode, base.tps,
                                tuned->tps, PercentChange(base.tps, tuned->tps), base.latency_ms, tuned->latency_ms));
  }
  return lines;
}

std::string DifferenceKind(analyzers::SettingDifference::Kind kind) {
  switch (kind) {
    case analyzers::SettingDifference::Kind::kChange: return "change";
    case analyzers::SettingDifference::Kind::kAlreadySet: return "already-set";
    case analyzers::SettingDifference::Kind::kMissingOnServer: return "missing-on-server";
  }
  return "change";
}

std::string OneLine(const std::string& text) { return CollapseWhitespace(text); }

std::string Ms(double ms) { return fmt::format("{:.3f}", ms); }

// "×0.97" for tuned over baseline; "" when the baseline is zero.
std::string Ratio(double baseline, double tuned) {
  if (baseline <= 0) return "";
  return fmt::format("×{:.2f}", tuned / baseline);
}

// Why one side of a statement has no timing, or "" when it has one.
std::string MissingTiming(const verify::StatementMeasurement& m, const std::string& label) {
  if (!m.planned) return fmt::format("not planned on {}: {}", label, OneLine(m.error));
  if (!m.timing || m.timing->runs == 0) {
    return fmt::format("not timed on {}: {}", label, m.timing_error.empty() ? "no timed run" : OneLine(m.timing_error));
  }
  return "";
}

struct VerdictCounts {
  int faster = 0, slower = 0, noise = 0, not_compared = 0;
};

VerdictCounts CountVerdicts(const verify::WorkloadBenchmark& b) {
  VerdictCounts c;
  for (const auto& s : b.statements) {
    switch (verify::CompareTimings(s.baseline, s.tuned)) {
      case verify::TimingVerdict::kFaster: ++c.faster; break;
      case verify::TimingVerdict::kSlower: ++c.slower; break;
      case verify::TimingVerdict::kNoise: ++c.noise; break;
      case verify::TimingVerdict::kNotCompared: ++c.not_compared; break;
    }
  }
  return c;
}

// What a total that moved less than the noise means: nothing changed, or changes that cancel out.
std::string OverallVerdict(const verify::WorkloadBenchmark& b, double change) {
  if (std::abs(change) >= verify::kTimingNoiseShare) return "";
  const VerdictCounts c = CountVerdicts(b);
  if (c.faster == 0 && c.slower == 0) return " — within noise: no measurable difference";
  return fmt::format(" — under {:.0f} % overall, but not because nothing changed: {} statement(s) faster and {} "
                     "slower beyond the noise",
                     verify::kTimingNoiseShare * 100, c.faster, c.slower);
}

}  // namespace

std::string WorkloadVerdictCounts(const verify::WorkloadBenchmark& b) {
  const VerdictCounts c = CountVerdicts(b);
  return fmt::format("{} faster, {} slower, {} within noise, {} not compared", c.faster, c.slower, c.noise,
                     c.not_compared);
}

std::string AppliedSettingsDifferences(const std::map<std::string, std::string>& baseline,
                                       const std::map<std::string, std::string>& tuned) {
  std::string out;
  for (const auto& [name, value] : tuned) {
    auto it = baseline.find(name);
    if (it == baseline.end() || it->second == value) continue;
    out += fmt::format("{}{} {} → {}", out.empty() ? "" : ", ", name, it->second, value);
  }
  return out;
}

std::string WorkloadSetupSentence(const verify::WorkloadBenchmark& b) {
  return fmt::format("{} statements of the workload replayed on two scratch clusters with the same schema and the "
                     "same synthetic data ({} rows, seed {}), one with PostgreSQL's defaults for the tuned settings "
                     "and one with the recommended values (both with durable commits and autovacuum on); {} warm-up "
                     "and {} timed run(s) per statement (EXPLAIN ANALYZE execution time, writes rolled back). "
                     "Per-statement differences under {:.0f} % or {} ms, or within the runs' interquartile range, "
                     "are noise.",
                     b.statements.size(), b.total_rows, b.seed, b.warmup, b.repetitions,
                     verify::kTimingNoiseShare * 100, verify::kTimingNoiseFloorMs);
}

std::string StatementMedians(const verify::StatementComparison& s) {
  const std::string baseline_missing = MissingTiming(s.baseline, "PostgreSQL defaults");
  const std::string tuned_missing = MissingTiming(s.tuned, "recommended");
  if (!baseline_missing.empty() && !tuned_missing.empty()) {
    // The same failure on both sides is said once (messages can differ in a timestamp, not in their first line).
    const auto& b = s.baseline.planned ? s.baseline.timing_error : s.baseline.error;
    const auto& t = s.tuned.planned ? s.tuned.timing_error : s.tuned.error;
    if (s.baseline.planned == s.tuned.planned && b.substr(0, b.find('\n')) == t.substr(0, t.find('\n'))) {
      return fmt::format("not {} on either configuration: {}", s.baseline.planned ? "timed" : "planned",
                         OneLine(b.empty() ? "no timed run" : b));
    }
  }
  if (!baseline_missing.empty() || !tuned_missing.empty()) {
    return baseline_missing + (baseline_missing.empty() || tuned_missing.empty() ? "" : "; ") + tuned_missing;
  }
  return Ms(s.baseline.timing->median_ms) + " → " + Ms(s.tuned.timing->median_ms);
}

std::string MedianRatio(const verify::StatementComparison& s) {
  if (!s.baseline.timing || !s.tuned.timing || s.baseline.timing->runs == 0 || s.tuned.timing->runs == 0) return "";
  return Ratio(s.baseline.timing->median_ms, s.tuned.timing->median_ms);
}

std::string StatementCosts(const verify::StatementComparison& s) {
  if (!s.baseline.planned || !s.tuned.planned) return "";
  return fmt::format("{:.1f} → {:.1f}", s.baseline.total_cost, s.tuned.total_cost);
}

std::string PlanCell(const verify::StatementComparison& s) {
  if (s.baseline.plan.empty() || s.tuned.plan.empty()) return "";
  return verify::PlanChanged(s.baseline, s.tuned) ? "changed" : "same";
}

std::string StatementName(const verify::StatementComparison& s) {
  if (!s.label.empty()) return s.label;
  std::string text = OneLine(s.text);
  if (text.size() > 60) {
    size_t cut = 57;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;  // not inside a UTF-8 char
    text = text.substr(0, cut) + "…";
  }
  return s.location.empty() ? text : s.location + " " + text;
}

std::string StatementTimingLine(const verify::StatementComparison& s) {
  const verify::TimingVerdict verdict = verify::CompareTimings(s.baseline, s.tuned);
  if (verdict == verify::TimingVerdict::kNotCompared) return StatementMedians(s);
  const std::string ratio = MedianRatio(s);
  return fmt::format("{} ms median ({}{}{})", StatementMedians(s), ratio.empty() ? "" : ratio + ", ",
                     verify::TimingVerdictName(verdict),
                     verify::PlanChanged(s.baseline, s.tuned) ? ", plan changed" : "");
}

std::string WorkloadTotalLine(const verify::WorkloadBenchmark& b) {
  const verify::CallWeightedTotals totals = verify::WeightedTotals(b.statements);
  if (totals.compared == 0) return "no statement was timed on both configurations";
  const double change = totals.baseline_ms > 0 ? (totals.tuned_ms - totals.baseline_ms) / totals.baseline_ms : 0;
  // Seconds once the total is large: a workload's stated calls add up to minutes of execution.
  const bool seconds = totals.baseline_ms >= 10000;
  auto amount = [seconds](double ms) { return seconds ? fmt::format("{:.2f}", ms / 1000) : fmt::format("{:.3f}", ms); };
  return fmt::format("{} → {} {} per round of the stated calls (mean × calls over {} of {} statements; {}, {}){}",
                     amount(totals.baseline_ms), amount(totals.tuned_ms), seconds ? "s" : "ms", totals.compared,
                     b.statements.size(),
                     Ratio(totals.baseline_ms, totals.tuned_ms), PercentChange(totals.baseline_ms, totals.tuned_ms),
                     OverallVerdict(b, change));
}

std::string PoolerLine(const verify::PoolerCheck& c) {
  return fmt::format("{} started with this pgbouncer.ini in front of a scratch cluster: {} pgbench clients "
                     "were served with at most {} server connection(s) (pool + reserve {}); select-only {:.0f} tps "
                     "through the pool vs {:.0f} tps with {} direct connections (latency {:.2f} vs {:.2f} ms)",
                     c.pgbouncer_version.empty() ? "PgBouncer" : c.pgbouncer_version, c.clients,
                     c.max_server_connections, c.pool_size, c.pooled_tps, c.direct_tps, c.clients,
                     c.pooled_latency_ms, c.direct_latency_ms);
}

std::string PercentChange(double before, double after) {
  if (before <= 0) return "n/a";
  return fmt::format("{:+.1f} %", (after - before) / before * 100);
}

std::string RenderPostgresqlConf(const analyzers::TuneAdvice& advice) {
  std::string out;
  out += fmt::format("# postgresql.conf fragment written by dbarch tune\n# for {}\n# {}, max_connections = {}\n",
                     HardwareLine(advice.hardware), ProfileLine(advice.profile), advice.max_connections);
  for (const auto& e : advice.profile.evidence) out += Wrap(e, "#   ");
  std::string category;
  for (const auto& s : advice.settings) {
    if (s.category != category) {
      category = s.category;
      out += fmt::format("\n# --- {} ---\n", category);
    }
    out += Wrap(s.reason, "# ");
    out += fmt::format("{} = {}    # default {}{}\n", s.name, s.value, s.postgres_default,
                       s.restart_required ? "; needs a restart" : "");
  }
  if (!advice.notes.empty()) {
    out += "\n# --- notes ---\n";
    for (const auto& n : advice.notes) out += Wrap(n, "# ");
  }
  return out;
}

std::string RenderTableOverridesSql(const analyzers::TuneAdvice& advice) {
  if (advice.table_overrides.empty()) return "";
  std::string out = "-- Per-table autovacuum settings written by dbarch tune (no rewrite, brief lock).\n";
  for (const auto& o : advice.table_overrides) {
    out += Wrap(o.reason, "-- ");
    out += o.Sql() + "\n";
  }
  return out;
}

std::string RenderPgbouncerIni(const analyzers::TuneAdvice& advice, const PgbouncerEndpoints& e) {
  const std::string& dbname = e.dbname;
  const std::string& host = e.server_host;
  const int port = e.server_port;
  const auto& p = advice.pooler;
  std::string out = "; pgbouncer.ini written by dbarch tune\n";
  for (const auto& r : p.reasons) out += Wrap(r, "; ");
  if (!p.session_features.empty()) {
    out += "; statements that need a session-mode connection:\n";
    for (const auto& f : p.session_features) out += Wrap(f, ";   ");
  }
  out += "\n[databases]\n";
  out += fmt::format("{} = host={} port={} dbname={}\n", dbname, host, port, dbname);
  if (!p.session_features.empty()) {
    out += fmt::format("{}_session = host={} port={} dbname={} pool_mode=session pool_size={}\n", dbname, host, port,
                       dbname, std::max(2, p.default_pool_size / 4));
  }
  out += "\n[pgbouncer]\n";
  out += fmt::format("listen_addr = {}\nlisten_port = {}\n", e.listen_addr, e.listen_port);
  if (!e.unix_socket_dir.empty()) out += fmt::format("unix_socket_dir = {}\n", e.unix_socket_dir);
  out += fmt::format("auth_type = {}\nauth_file = {}\n", e.auth_type, e.auth_file);
  if (!e.pidfile.empty()) out += fmt::format("pidfile = {}\n", e.pidfile);
  if (!e.logfile.empty()) out += fmt::format("logfile = {}\n", e.logfile);
  out += fmt::format("pool_mode = {}\n", p.pool_mode);
  out += fmt::format("default_pool_size = {}\n", p.default_pool_size);
  out += fmt::format("reserve_pool_size = {}\nreserve_pool_timeout = 3\n", p.reserve_pool_size);
  out += fmt::format("max_client_conn = {}\n", p.max_client_conn);
  out += fmt::format("max_db_connections = {}\n", std::max(1, advice.max_connections - 20));
  out += "server_idle_timeout = 600\nserver_lifetime = 3600\n";
  out += "; drivers send extra_float_digits at startup; PgBouncer would refuse the connection otherwise\n";
  out += "ignore_startup_parameters = extra_float_digits\n";
  out += fmt::format("admin_users = {0}\nstats_users = {0}\n", e.admin_user);
  return out;
}

PgbouncerEndpoints PgbouncerEndpointsForCheck(const verify::PoolerEndpoints& e) {
  PgbouncerEndpoints p;
  p.dbname = e.dbname;
  p.server_host = e.server_socket_dir;
  p.server_port = e.server_port;
  p.listen_addr = "";
  p.listen_port = e.listen_port;
  p.unix_socket_dir = e.listen_dir;
  p.auth_type = "trust";
  p.auth_file = e.auth_file;
  p.admin_user = e.user;
  p.pidfile = e.pidfile;
  p.logfile = e.logfile;
  return p;
}

std::string RenderTuneText(const TuneReport& report) {
  std::string out;
  if (report.benchmark) {
    out += fmt::format("# Measured with pgbench (scale {}, {} clients, {} s per run) on two scratch clusters, "
                       "PostgreSQL defaults vs recommended:\n",
                       report.benchmark->scale, report.benchmark->clients, report.benchmark->seconds);
    for (const auto& l : BenchmarkLines(*report.benchmark)) out += "#   " + l + "\n";
    if (report.benchmark_hardware) {
      out += Wrap(fmt::format("(measured with the settings recomputed for the machine it ran on: {})",
                              HardwareLine(*report.benchmark_hardware)),
                  "#   ");
    }
    out += "\n";
  } else if (!report.benchmark_not_run.empty()) {
    out += Wrap("Not measured: " + report.benchmark_not_run, "# ") + "\n";
  }
  if (report.pooler_check) out += Wrap(PoolerLine(*report.pooler_check), "# ") + "\n";
  if (!report.pooler_not_run.empty()) out += Wrap("PgBouncer not checked: " + report.pooler_not_run, "# ") + "\n";
  if (report.workload_benchmark) {
    const auto& w = *report.workload_benchmark;
    out += Wrap("Workload: " + WorkloadSetupSentence(w), "# ");
    out += Wrap("call-weighted total: " + WorkloadTotalLine(w), "#   ");
    out += Wrap("statements: " + WorkloadVerdictCounts(w), "#   ");
    if (const std::string applied = AppliedSettingsDifferences(w.baseline.applied, w.tuned.applied); !applied.empty()) {
      out += Wrap("read back from pg_settings (defaults → recommended): " + applied, "#   ");
    }
    // Statements within noise are counted above, not listed: the conf fragment stays readable (md and json
    // list every statement).
    int within_noise = 0;
    for (const auto& st : w.statements) {
      if (verify::CompareTimings(st.baseline, st.tuned) == verify::TimingVerdict::kNoise) {
        ++within_noise;
        continue;
      }
      out += Wrap(fmt::format("{} ({} call{}): {}", StatementName(st), st.calls, st.calls == 1 ? "" : "s",
                              StatementTimingLine(st)),
                  "#     ");
      if (verify::PlanChanged(st.baseline, st.tuned)) {
        out += Wrap("plan with the defaults: " + st.baseline.plan, "#         ");
        out += Wrap("plan with the recommendation: " + st.tuned.plan, "#         ");
      }
    }
    if (within_noise > 0) {
      out += fmt::format("#     ({} statement(s) within noise not listed; --format md or json lists all)\n", within_noise);
    }
    for (const auto& n : w.notes) out += Wrap("note: " + n, "#   ");
    out += "\n";
  } else if (!report.workload_benchmark_not_run.empty()) {
    out += Wrap("Workload not replayed: " + report.workload_benchmark_not_run, "# ") + "\n";
  }
  for (const auto& r : report.risky) {
    out += Wrap(fmt::format("RISK: the server runs with {} = {}: {}. Fix: {}", r.name, r.current, r.risk, r.fix), "# ");
  }
  if (!report.risky.empty()) out += "\n";
  if (report.differences) {
    size_t changes = 0;
    for (const auto& d : *report.differences) changes += d.kind == analyzers::SettingDifference::Kind::kChange;
    out += fmt::format("# Compared with the server: {} of {} settings differ\n", changes, report.differences->size());
    for (const auto& d : *report.differences) {
      if (d.kind == analyzers::SettingDifference::Kind::kAlreadySet) continue;
      out += Wrap(fmt::format("{}: {}", d.name, d.explanation), "#   ");
    }
    out += "\n";
  }
  out += RenderPostgresqlConf(report.advice);
  if (!report.advice.table_overrides.empty()) {
    out += "\n# --- per-table settings (run as SQL; `dbarch tune --sql FILE` writes them) ---\n";
    for (const auto& o : report.advice.table_overrides) out += "#   " + o.Sql() + "\n";
  }
  return out;
}

std::string RenderTuneMarkdown(const TuneReport& report, int heading_level) {
  const std::string h(static_cast<size_t>(heading_level), '#');
  const auto& a = report.advice;
  std::string out;
  out += fmt::format("{} Configuration\n\nFor {}; {}; max_connections = {}.\n\n", h, HardwareLine(a.hardware),
                     ProfileLine(a.profile), a.max_connections);
  for (const auto& e : a.profile.evidence) out += "- " + e + "\n";
  out += "\n| setting | recommended | default | why |\n|---|---|---|---|\n";
  for (const auto& s : a.settings) {
    out += fmt::format("| `{}` | `{}` | `{}`{} | {} |\n", s.name, s.value, s.postgres_default,
                       s.restart_required ? " (restart)" : "", s.reason);
  }
  if (!a.notes.empty()) {
    out += "\n";
    for (const auto& n : a.notes) out += "- " + n + "\n";
  }
  if (!a.table_overrides.empty()) {
    out += fmt::format("\n{}# Per-table autovacuum\n\n", h);
    for (const auto& o : a.table_overrides) out += fmt::format("- `{}` — {}\n", o.Sql(), o.reason);
  }
  out += fmt::format("\n{}# Connection pooling\n\n", h);
  for (const auto& r : a.pooler.reasons) out += "- " + r + "\n";
  for (const auto& f : a.pooler.session_features) out += "  - needs a session: " + f + "\n";
  if (report.pooler_check) out += "\n" + PoolerLine(*report.pooler_check) + ".\n";
  if (report.benchmark) {
    const auto& b = *report.benchmark;
    out += fmt::format("\n{}# Measured: PostgreSQL defaults vs recommended\n\n"
                       "pgbench scale {}, {} clients, {} s per run, on two scratch clusters that differ only in the "
                       "tuned settings (both with durable commits and autovacuum on).\n\n",
                       h, b.scale, b.clients, b.seconds);
    if (report.benchmark_hardware) {
      out += fmt::format("Settings recomputed for the measuring machine ({}).\n\n", HardwareLine(*report.benchmark_hardware));
    }
    out += "| pgbench mode | defaults tps | recommended tps | change | latency (ms) |\n|---|---|---|---|---|\n";
    for (const auto& base : b.baseline.results) {
      const auto* tuned = FindMode(b.tuned, base.mode);
      if (tuned == nullptr) continue;
      out += fmt::format("| {} | {:.0f} | {:.0f} | {} | {:.2f} → {:.2f} |\n", base.mode, base.tps, tuned->tps,
                         PercentChange(base.tps, tuned->tps), base.latency_ms, tuned->latency_ms);
    }
  } else if (!report.benchmark_not_run.empty()) {
    out += "\nNot measured: " + report.benchmark_not_run + "\n";
  }
  if (report.workload_benchmark) {
    const auto& w = *report.workload_benchmark;
    out += fmt::format("\n{}# Measured: the workload under both configurations\n\n{}\n\n", h, WorkloadSetupSentence(w));
    out += fmt::format("Call-weighted total: {}. Statements: {}.\n", WorkloadTotalLine(w), WorkloadVerdictCounts(w));
    if (const std::string applied = AppliedSettingsDifferences(w.baseline.applied, w.tuned.applied); !applied.empty()) {
      out += fmt::format("\nRead back from pg_settings (defaults → recommended): {}.\n", applied);
    }
    out += "\n| statement | calls | cost (defaults → recommended) | median ms (defaults → recommended) | ratio | verdict "
           "| plan |\n|---|---|---|---|---|---|---|\n";
    auto cell = [](std::string text) {
      for (size_t at = text.find('|'); at != std::string::npos; at = text.find('|', at + 2)) text.replace(at, 1, "\\|");
      return text;
    };
    std::string changed_plans;
    for (const auto& st : w.statements) {
      out += fmt::format("| {} | {} | {} | {} | {} | {} | {} |\n", cell(StatementName(st)), st.calls,
                         StatementCosts(st), cell(StatementMedians(st)), MedianRatio(st),
                         verify::TimingVerdictName(verify::CompareTimings(st.baseline, st.tuned)), PlanCell(st));
      if (verify::PlanChanged(st.baseline, st.tuned)) {
        changed_plans += fmt::format("- {}\n  - defaults: `{}`\n  - recommended: `{}`\n", StatementName(st),
                                     st.baseline.plan, st.tuned.plan);
      }
    }
    if (!changed_plans.empty()) out += "\nPlans that changed (as executed in the timed runs):\n\n" + changed_plans;
    for (const auto& n : w.notes) out += "\n- " + n;
    if (!w.notes.empty()) out += "\n";
  } else if (!report.workload_benchmark_not_run.empty()) {
    out += "\nWorkload not replayed: " + report.workload_benchmark_not_run + "\n";
  }
  if (!report.risky.empty()) {
    out += fmt::format("\n{}# Risky current settings\n\n", h);
    for (const auto& r : report.risky) {
      out += fmt::format("- `{} = {}`: {}. Fix: {}\n", r.name, r.current, r.risk, r.fix);
    }
  }
  if (report.differences) {
    out += fmt::format("\n{}# Compared with the server\n\n| setting | current | recommended | |\n|---|---|---|---|\n", h);
    for (const auto& d : *report.differences) {
      out += fmt::format("| `{}` | `{}` | `{}` | {} |\n", d.name, d.current, d.recommended, d.explanation);
    }
  }
  return out;
}

nlohmann::json TuneJson(const TuneReport& report) {
  using nlohmann::json;
  const auto& a = report.advice;
  json out;
  out["hardware"] = {{"ram_bytes", a.hardware.ram_bytes}, {"ram_origin", a.hardware.ram_origin},
                     {"cpus", a.hardware.cpus}, {"cpus_origin", a.hardware.cpus_origin},
                     {"storage", analyzers::StorageKindName(a.hardware.storage)},
                     {"storage_origin", a.hardware.storage_origin}};
  out["workload"] = {{"class", analyzers::WorkloadClassName(a.profile.workload_class)},
                     {"inferred", a.profile.inferred},
                     {"write_share", a.profile.write_share},
                     {"analytic_share", a.profile.analytic_share},
                     {"work_mem_units", a.profile.sort_hash_nodes},
                     {"evidence", a.profile.evidence}};
  out["max_connections"] = a.max_connections;
  out["settings"] = json::array();
  for (const auto& s : a.settings) {
    out["settings"].push_back({{"name", s.name}, {"value", s.value}, {"category", s.category}, {"reason", s.reason},
                               {"default", s.postgres_default}, {"restart_required", s.restart_required}});
  }
  out["table_overrides"] = json::array();
  for (const auto& o : a.table_overrides) {
    json params = json::object();
    for (const auto& [k, v] : o.parameters) params[k] = v;
    out["table_overrides"].push_back({{"table", o.table.ToString()}, {"parameters", params}, {"reason", o.reason},
                                      {"sql", o.Sql()}});
  }
  out["pooler"] = {{"pool_mode", a.pooler.pool_mode},
                   {"default_pool_size", a.pooler.default_pool_size},
                   {"reserve_pool_size", a.pooler.reserve_pool_size},
                   {"max_client_conn", a.pooler.max_client_conn},
                   {"reasons", a.pooler.reasons},
                   {"session_features", a.pooler.session_features}};
  out["notes"] = a.notes;
  if (report.differences) {
    out["differences"] = json::array();
    for (const auto& d : *report.differences) {
      out["differences"].push_back({{"name", d.name}, {"kind", DifferenceKind(d.kind)}, {"current", d.current},
                                    {"current_source", d.current_source}, {"recommended", d.recommended},
                                    {"explanation", d.explanation}});
    }
  }
  out["risky_settings"] = json::array();
  for (const auto& r : report.risky) {
    out["risky_settings"].push_back({{"name", r.name}, {"current", r.current}, {"risk", r.risk}, {"fix", r.fix}});
  }
  if (report.benchmark) {
    const auto& b = *report.benchmark;
    auto run_json = [](const verify::ConfigurationRun& run) {
      json results = json::array();
      for (const auto& r : run.results) {
        results.push_back({{"mode", r.mode}, {"tps", r.tps}, {"latency_ms", r.latency_ms},
                           {"transactions", r.transactions}});
      }
      return json{{"label", run.label}, {"settings", run.settings}, {"applied", run.applied}, {"results", results}};
    };
    out["benchmark"] = {{"scale", b.scale}, {"clients", b.clients}, {"seconds", b.seconds}, {"pgbench", b.pgbench},
                        {"baseline", run_json(b.baseline)}, {"recommended", run_json(b.tuned)}};
  } else if (!report.benchmark_not_run.empty()) {
    out["benchmark_not_run"] = report.benchmark_not_run;
  }
  if (report.workload_benchmark) {
    const auto& w = *report.workload_benchmark;
    auto measurement_json = [](const verify::StatementMeasurement& m) {
      json j = {{"planned", m.planned}};
      if (!m.planned) j["error"] = m.error;
      if (m.planned) j["cost"] = m.total_cost;
      if (!m.plan.empty()) j["plan"] = m.plan;
      if (m.timing && m.timing->runs > 0) {
        j["runs"] = m.timing->runs;
        j["median_ms"] = m.timing->median_ms;
        j["mean_ms"] = m.mean_ms();
        j["p25_ms"] = m.timing->p25_ms;
        j["p75_ms"] = m.timing->p75_ms;
      } else if (m.planned) {
        j["timing_error"] = m.timing_error.empty() ? "no timed run" : m.timing_error;
      }
      return j;
    };
    auto run_json = [](const verify::WorkloadConfigurationRun& run) {
      return json{{"label", run.label}, {"settings", run.settings}, {"applied", run.applied}, {"seconds", run.seconds}};
    };
    json statements = json::array();
    for (const auto& st : w.statements) {
      json j = {{"fingerprint", st.fingerprint}, {"label", st.label}, {"location", st.location},
                {"kind", std::string(model::StatementKindName(st.kind))}, {"calls", st.calls},
                {"baseline", measurement_json(st.baseline)}, {"recommended", measurement_json(st.tuned)},
                {"verdict", std::string(verify::TimingVerdictName(verify::CompareTimings(st.baseline, st.tuned)))},
                {"plan_changed", verify::PlanChanged(st.baseline, st.tuned)}};
      if (st.baseline.timing && st.tuned.timing && st.baseline.timing->median_ms > 0) {
        j["median_ratio"] = st.tuned.timing->median_ms / st.baseline.timing->median_ms;
      }
      statements.push_back(std::move(j));
    }
    const verify::CallWeightedTotals totals = verify::WeightedTotals(w.statements);
    json totals_json = {{"baseline_ms", totals.baseline_ms}, {"recommended_ms", totals.tuned_ms},
                        {"statements_compared", totals.compared}, {"statements_left_out", totals.left_out}};
    if (totals.baseline_ms > 0) totals_json["ratio"] = totals.tuned_ms / totals.baseline_ms;
    out["workload_benchmark"] = {{"warmup", w.warmup}, {"repetitions", w.repetitions}, {"total_rows", w.total_rows},
                                 {"seed", w.seed}, {"noise_share", verify::kTimingNoiseShare},
                                 {"baseline", run_json(w.baseline)}, {"recommended", run_json(w.tuned)},
                                 {"call_weighted_total", totals_json}, {"statements", statements}, {"notes", w.notes}};
  } else if (!report.workload_benchmark_not_run.empty()) {
    out["workload_benchmark_not_run"] = report.workload_benchmark_not_run;
  }
  if (report.pooler_check) {
    const auto& c = *report.pooler_check;
    out["pooler_check"] = {{"pgbouncer", c.pgbouncer_version}, {"clients", c.clients}, {"pool_size", c.pool_size},
                           {"max_server_connections", c.max_server_connections}, {"direct_tps", c.direct_tps},
                           {"pooled_tps", c.pooled_tps}, {"direct_latency_ms", c.direct_latency_ms},
                           {"pooled_latency_ms", c.pooled_latency_ms}};
  } else if (!report.pooler_not_run.empty()) {
    out["pooler_not_run"] = report.pooler_not_run;
  }
  return out;
}

}  // namespace dbarch::report
