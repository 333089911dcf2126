#include "report/tune_text.h"

#include <fmt/format.h>

#include <sstream>

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

}  // namespace

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
