#include "report/log_text.h"

#include <algorithm>
#include <cctype>

#include <fmt/format.h>

#include "common/text.h"

namespace dbarch::report {
namespace {

using analyzers::logs::LogSummary;
using analyzers::logs::QueryGroup;

double Ms(int64_t us) { return static_cast<double>(us) / 1000.0; }

std::string Bytes(double bytes) {
  if (bytes >= 1024.0 * 1024 * 1024) return fmt::format("{:.1f} GB", bytes / (1024.0 * 1024 * 1024));
  if (bytes >= 1024.0 * 1024) return fmt::format("{:.1f} MB", bytes / (1024.0 * 1024));
  if (bytes >= 1024.0) return fmt::format("{:.1f} kB", bytes / 1024.0);
  return fmt::format("{:.0f} B", bytes);
}

std::string Histogram(const analyzers::logs::DurationHistogram& histogram) {
  std::string text;
  for (size_t i = 0; i < histogram.size(); ++i) {
    if (histogram[i] == 0) continue;
    if (!text.empty()) text += ", ";
    text += fmt::format("{} {}", analyzers::logs::HistogramLabel(static_cast<int>(i)), histogram[i]);
  }
  return text.empty() ? "-" : text;
}


size_t Limit(size_t size, size_t top) { return top == 0 ? size : std::min(size, top); }

std::string FirstWord(std::string_view sql) {
  size_t start = 0;
  while (start < sql.size() && (sql[start] == ' ' || sql[start] == '\n' || sql[start] == '(')) ++start;
  size_t end = start;
  while (end < sql.size() && std::isalpha(static_cast<unsigned char>(sql[end]))) ++end;
  std::string word(sql.substr(start, end - start));
  for (char& c : word) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return word;
}

}  // namespace

std::string LogSummaryText(const LogSummary& s, size_t top) {
  std::string out = "PostgreSQL log analysis\n";
  for (const auto& file : s.files) {
    std::string how = std::string(sources::logs::LogFormatName(file.format));
    if (file.format == sources::logs::LogFormat::kStderr)
      how += fmt::format(", log_line_prefix '{}'{}", file.prefix, file.prefix_detected ? " (detected)" : "");
    if (file.compression != "none") how += ", " + file.compression;
    out += fmt::format("  file {}: {}, {}, {} lines\n", file.path, how, Bytes(static_cast<double>(file.bytes)), file.lines);
  }
  if (!s.first_timestamp.empty()) out += fmt::format("  period: {} .. {}\n", s.first_timestamp, s.last_timestamp);
  std::string severities;
  for (const auto& [severity, count] : s.severities) severities += fmt::format("{}{} {}", severities.empty() ? "" : ", ", severity, count);
  out += fmt::format("  messages: {}{}\n", s.records, severities.empty() ? "" : " (" + severities + ")");
  out += fmt::format("  unreadable lines: {}\n", s.malformed);
  for (const auto& sample : s.malformed_samples) out += fmt::format("    {}: {}\n", sample.location, sample.reason);

  out += fmt::format("\nQueries: {} executions in {} groups, {} with a duration, {:.3f} ms in total\n", s.query_count,
                     s.queries.size(), s.timed_count, Ms(s.total_us));
  if (s.timed_count > 0) {
    out += fmt::format("  p50 {:.3f} ms, p95 {:.3f} ms, p99 {:.3f} ms (within 1%)\n", s.p50_ms, s.p95_ms, s.p99_ms);
    out += fmt::format("  histogram: {}\n", Histogram(s.histogram));
  }
  if (s.unmatched_durations > 0)
    out += fmt::format("  {} duration lines without their statement (logged before the file or chunk began)\n",
                       s.unmatched_durations);
  if (s.overflow_count > 0)
    out += fmt::format("  {} executions ({:.3f} ms) beyond the limit of distinct queries, not grouped\n", s.overflow_count,
                       Ms(s.overflow_us));
  const size_t shown = Limit(s.queries.size(), top);
  if (shown > 0) out += fmt::format("\nTop {} queries by total time\n", shown);
  for (size_t i = 0; i < shown; ++i) {
    const QueryGroup& q = s.queries[i];
    out += fmt::format("\n#{} {} {}\n", i + 1, FirstWord(q.normalized.empty() ? q.example : q.normalized), q.fingerprint);
    out += fmt::format("  count {} (with duration {}), total {:.3f} ms, mean {:.3f} ms, min {:.3f} ms, max {:.3f} ms\n",
                       q.count, q.timed, Ms(q.total_us), q.mean_ms(), Ms(q.min_us), Ms(q.max_us));
    if (q.timed > 0) {
      out += fmt::format("  p50 {:.3f} ms, p95 {:.3f} ms, p99 {:.3f} ms; histogram: {}\n", q.p50_ms, q.p95_ms, q.p99_ms,
                         Histogram(q.histogram));
    }
    if (q.prepare_us > 0) out += fmt::format("  parse/bind {:.3f} ms (not in the total)\n", Ms(q.prepare_us));
    if (q.plans > 0)
      out += fmt::format("  auto_explain plans {}, rows {:.0f}, slowest plan {:.3f} ms\n", q.plans, q.plan_rows,
                         q.slowest_plan_ms);
    if (q.temp_files > 0) out += fmt::format("  temporary files {} ({})\n", q.temp_files, Bytes(q.temp_bytes));
    if (q.lock_waits > 0) out += fmt::format("  lock waits {}\n", q.lock_waits);
    if (q.errors > 0) out += fmt::format("  errors {}\n", q.errors);
    std::string who;
    if (!q.example_user.empty() || !q.example_database.empty()) who = fmt::format(", {}@{}", q.example_user, q.example_database);
    out += fmt::format("  example ({:.3f} ms{}):\n", q.example_ms, who);
    out += IndentLines(q.example, "    ");
    if (!q.example_parameters.empty()) out += fmt::format("  parameters: {}\n", q.example_parameters);
  }

  if (!s.locks.empty()) {
    out += "\nLock waits\n";
    for (const auto& lock : s.locks) {
      out += fmt::format("  {} on {}: {} waiting, {} acquired, {:.3f} ms waited in total, longest {:.3f} ms\n", lock.mode,
                         lock.object, lock.waiting, lock.acquired, lock.total_wait_ms, lock.max_wait_ms);
    }
  }
  if (s.deadlock_count > 0) {
    out += fmt::format("\nDeadlocks: {}\n", s.deadlock_count);
    for (const auto& deadlock : s.deadlocks) {
      out += fmt::format("  {} ({})\n", deadlock.timestamp, deadlock.location);
      for (const auto& process : deadlock.processes) out += IndentLines(process, "    ");
    }
  }
  if (s.temp_files > 0) {
    out += fmt::format("\nTemporary files: {}, {} in total, largest {}", s.temp_files, Bytes(s.temp_bytes),
                       Bytes(s.max_temp_bytes));
    out += s.temp_files_without_statement > 0 ? fmt::format(" ({} without a statement)\n", s.temp_files_without_statement)
                                              : "\n";
  }
  const auto& c = s.checkpoints;
  if (c.complete > 0 || !c.reasons.empty()) {
    std::string reasons;
    for (const auto& [reason, count] : c.reasons) reasons += fmt::format("{}{} {}", reasons.empty() ? "" : ", ", reason, count);
    out += fmt::format("\nCheckpoints: {} complete (started by: {}); {:.0f} buffers written; write {:.3f} s, sync {:.3f} s, "
                       "total {:.3f} s, longest {:.3f} s; distance {:.0f} kB\n",
                       c.complete, reasons.empty() ? "-" : reasons, c.buffers, c.write_s, c.sync_s, c.total_s,
                       c.max_total_s, c.distance_kb);
  }
  if (!s.maintenance.empty()) {
    const size_t tables = Limit(s.maintenance.size(), top);
    out += fmt::format("\nAutovacuum and autoanalyze ({} of {} tables)\n", tables, s.maintenance.size());
    for (size_t i = 0; i < tables; ++i) {
      const auto& t = s.maintenance[i];
      out += fmt::format("  {}: {} vacuums, {} analyzes, {:.2f} s, {:.0f} tuples removed\n", t.table, t.vacuums, t.analyzes,
                         t.elapsed_s, t.tuples_removed);
    }
  }
  const auto& cs = s.connections;
  if (cs.received + cs.authorized + cs.disconnections > 0) {
    out += fmt::format("\nConnections: {} received, {} authorized, {} disconnections; sessions {:.3f} s in total, longest "
                       "{:.3f} s\n",
                       cs.received, cs.authorized, cs.disconnections, cs.session_s, cs.max_session_s);
    std::string users, apps;
    for (const auto& [k, v] : cs.by_user_database) users += fmt::format("{}{} {}", users.empty() ? "" : ", ", k, v);
    for (const auto& [k, v] : cs.by_application) apps += fmt::format("{}{} {}", apps.empty() ? "" : ", ", k.empty() ? "(none)" : k, v);
    if (!users.empty()) out += fmt::format("  by user@database: {}\n", users);
    if (!apps.empty()) out += fmt::format("  by application: {}\n", apps);
  }
  if (!s.errors.empty()) {
    const size_t errors = Limit(s.errors.size(), top);
    out += fmt::format("\nErrors ({} of {} kinds)\n", errors, s.errors.size());
    for (size_t i = 0; i < errors; ++i) {
      const auto& e = s.errors[i];
      out += fmt::format("  {} {}: {} x{} (first at {})\n", e.severity, e.sqlstate.empty() ? "-----" : e.sqlstate, e.pattern,
                         e.count, e.first_location);
      if (!e.example_statement.empty()) out += IndentLines(e.example_statement, "    statement: ");
    }
  }
  return out;
}

nlohmann::json LogSummaryJson(const LogSummary& s, size_t top) {
  using nlohmann::json;
  json out;
  json files = json::array();
  for (const auto& file : s.files) {
    files.push_back({{"path", file.path},
                     {"format", sources::logs::LogFormatName(file.format)},
                     {"log_line_prefix", file.prefix},
                     {"prefix_detected", file.prefix_detected},
                     {"compression", file.compression},
                     {"bytes", file.bytes},
                     {"lines", file.lines}});
  }
  out["files"] = files;
  out["first_timestamp"] = s.first_timestamp;
  out["last_timestamp"] = s.last_timestamp;
  out["messages"] = s.records;
  out["severities"] = s.severities;
  json malformed = json::array();
  for (const auto& m : s.malformed_samples) malformed.push_back({{"location", m.location}, {"reason", m.reason}});
  out["unreadable_lines"] = {{"count", s.malformed}, {"first", malformed}};
  auto histogram = [](const analyzers::logs::DurationHistogram& h) {
    json buckets = json::object();
    for (size_t i = 0; i < h.size(); ++i) buckets[analyzers::logs::HistogramLabel(static_cast<int>(i))] = h[i];
    return buckets;
  };
  out["queries"] = {{"executions", s.query_count},   {"groups", s.queries.size()},
                    {"with_duration", s.timed_count}, {"total_ms", Ms(s.total_us)},
                    {"p50_ms", s.p50_ms},             {"p95_ms", s.p95_ms},
                    {"p99_ms", s.p99_ms},             {"histogram", histogram(s.histogram)},
                    {"durations_without_statement", s.unmatched_durations},
                    {"ungrouped_executions", s.overflow_count}};
  json groups = json::array();
  for (size_t i = 0; i < Limit(s.queries.size(), top); ++i) {
    const QueryGroup& q = s.queries[i];
    groups.push_back({{"fingerprint", q.fingerprint},
                      {"parsed", q.parsed},
                      {"normalized", q.normalized},
                      {"count", q.count},
                      {"with_duration", q.timed},
                      {"total_ms", Ms(q.total_us)},
                      {"mean_ms", q.mean_ms()},
                      {"min_ms", Ms(q.min_us)},
                      {"max_ms", Ms(q.max_us)},
                      {"p50_ms", q.p50_ms},
                      {"p95_ms", q.p95_ms},
                      {"p99_ms", q.p99_ms},
                      {"histogram", histogram(q.histogram)},
                      {"parse_bind_ms", Ms(q.prepare_us)},
                      {"plans", q.plans},
                      {"plan_rows", q.plan_rows},
                      {"slowest_plan_ms", q.slowest_plan_ms},
                      {"slowest_plan", q.slowest_plan},
                      {"temp_files", q.temp_files},
                      {"temp_bytes", q.temp_bytes},
                      {"lock_waits", q.lock_waits},
                      {"errors", q.errors},
                      {"example", {{"text", q.example},
                                   {"parameters", q.example_parameters},
                                   {"ms", q.example_ms},
                                   {"user", q.example_user},
                                   {"database", q.example_database}}}});
  }
  out["top_queries"] = groups;
  json locks = json::array();
  for (const auto& l : s.locks) {
    locks.push_back({{"mode", l.mode}, {"object", l.object}, {"waiting", l.waiting}, {"acquired", l.acquired},
                     {"total_wait_ms", l.total_wait_ms}, {"max_wait_ms", l.max_wait_ms}});
  }
  out["lock_waits"] = locks;
  json deadlocks = json::array();
  for (const auto& d : s.deadlocks)
    deadlocks.push_back({{"timestamp", d.timestamp}, {"location", d.location}, {"processes", d.processes}});
  out["deadlocks"] = {{"count", s.deadlock_count}, {"first", deadlocks}};
  out["temp_files"] = {{"count", s.temp_files}, {"bytes", s.temp_bytes}, {"max_bytes", s.max_temp_bytes},
                       {"without_statement", s.temp_files_without_statement}};
  const auto& c = s.checkpoints;
  out["checkpoints"] = {{"complete", c.complete}, {"started_by", c.reasons}, {"buffers", c.buffers},
                        {"write_s", c.write_s},   {"sync_s", c.sync_s},      {"total_s", c.total_s},
                        {"max_total_s", c.max_total_s}, {"distance_kb", c.distance_kb}};
  json tables = json::array();
  for (size_t i = 0; i < Limit(s.maintenance.size(), top); ++i) {
    const auto& t = s.maintenance[i];
    tables.push_back({{"table", t.table}, {"vacuums", t.vacuums}, {"analyzes", t.analyzes}, {"elapsed_s", t.elapsed_s},
                      {"tuples_removed", t.tuples_removed}});
  }
  out["autovacuum"] = tables;
  const auto& cs = s.connections;
  out["connections"] = {{"received", cs.received},         {"authorized", cs.authorized},
                        {"disconnections", cs.disconnections}, {"session_s", cs.session_s},
                        {"max_session_s", cs.max_session_s}, {"by_user_database", cs.by_user_database},
                        {"by_application", cs.by_application}};
  json errors = json::array();
  for (size_t i = 0; i < Limit(s.errors.size(), top); ++i) {
    const auto& e = s.errors[i];
    errors.push_back({{"severity", e.severity}, {"sqlstate", e.sqlstate}, {"pattern", e.pattern}, {"count", e.count},
                      {"first_location", e.first_location}, {"example_statement", e.example_statement}});
  }
  out["errors"] = {{"kinds", errors}, {"by_sqlstate", s.errors_by_sqlstate}};
  return out;
}

}  // namespace dbarch::report
