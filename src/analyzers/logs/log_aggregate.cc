#include "analyzers/logs/log_aggregate.h"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "analyzers/logs/log_messages.h"
#include "sources/explain_text.h"
#include "sql/parser.h"

namespace dbarch::analyzers::logs {
namespace {

using sources::logs::LogRecord;

bool IsIdentifierChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '$' ||
         static_cast<unsigned char>(c) >= 0x80;
}

constexpr uint64_t kFnvOffset = 1469598103934665603ull;
constexpr uint64_t kFnvPrime = 1099511628211ull;
inline uint64_t Mix(uint64_t hash, unsigned char c) { return (hash ^ c) * kFnvPrime; }

int64_t ToMicros(double ms) { return std::llround(ms * 1000.0); }

template <typename Value>
void KeepEarliest(std::vector<std::pair<std::pair<int64_t, int64_t>, Value>>* samples) {
  std::sort(samples->begin(), samples->end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  if (samples->size() > kMaxSamples) samples->resize(kMaxSamples);
}

}  // namespace

int HistogramBucket(double ms) {
  int bucket = 0;
  while (bucket < static_cast<int>(kHistogramBounds.size()) && ms >= kHistogramBounds[static_cast<size_t>(bucket)]) ++bucket;
  return bucket;
}

std::string HistogramLabel(int bucket) {
  static const char* kLabels[] = {"<1ms", "1-10ms", "10-100ms", "100ms-1s", "1-10s", ">=10s"};
  return kLabels[bucket];
}

uint64_t StatementShapeHash(std::string_view sql) {
  uint64_t hash = kFnvOffset;
  const size_t n = sql.size();
  bool blank = false;
  for (size_t i = 0; i < n; ++i) {
    const char c = sql[i];
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
      blank = true;
      continue;
    }
    if (blank) hash = Mix(hash, ' ');
    blank = false;
    if (c == '\'') {
      // A string constant; E'…' strings may escape a quote with a backslash.
      const bool escapes = i > 0 && (sql[i - 1] == 'E' || sql[i - 1] == 'e');
      size_t j = i + 1;
      while (j < n) {
        if (escapes && sql[j] == '\\') {
          j += 2;
          continue;
        }
        if (sql[j] == '\'') {
          if (j + 1 < n && sql[j + 1] == '\'') {
            j += 2;
            continue;
          }
          break;
        }
        ++j;
      }
      hash = Mix(hash, '?');
      i = j;
      continue;
    }
    if (c == '"') {
      // A quoted identifier: part of the shape.
      size_t j = i + 1;
      while (j < n && sql[j] != '"') ++j;
      for (size_t k = i; k <= j && k < n; ++k) hash = Mix(hash, static_cast<unsigned char>(sql[k]));
      i = j;
      continue;
    }
    if (c >= '0' && c <= '9' && (i == 0 || !IsIdentifierChar(sql[i - 1]))) {
      size_t j = i;
      while (j < n && ((sql[j] >= '0' && sql[j] <= '9') || sql[j] == '.' || sql[j] == 'e' || sql[j] == 'E' ||
                       ((sql[j] == '+' || sql[j] == '-') && (sql[j - 1] == 'e' || sql[j - 1] == 'E'))))
        ++j;
      hash = Mix(hash, '?');
      i = j - 1;
      continue;
    }
    hash = Mix(hash, static_cast<unsigned char>(c));
  }
  return hash;
}

std::string LogAggregate::Location(int file, int64_t line) const {
  return fmt::format("{}:{}", files_[static_cast<size_t>(file)], line);
}

int LogAggregate::GroupOf(std::string_view sql) {
  while (!sql.empty() && (sql.back() == ' ' || sql.back() == '\n' || sql.back() == ';')) sql.remove_suffix(1);
  const uint64_t shape = StatementShapeHash(sql);
  if (auto it = group_by_shape_.find(shape); it != group_by_shape_.end()) return it->second;
  std::string key;
  bool parsed = true;
  if (auto fingerprint = sql::Fingerprint(sql); fingerprint.ok()) {
    key = std::move(fingerprint).value();
  } else {
    parsed = false;
    key = fmt::format("unparsed:{:016x}", shape);
  }
  int index;
  if (auto it = group_by_fingerprint_.find(key); it != group_by_fingerprint_.end()) {
    index = it->second;
  } else if (groups_.size() >= kMaxQueryGroups) {
    index = -1;
  } else {
    index = static_cast<int>(groups_.size());
    Group group;
    group.summary.fingerprint = key;
    group.summary.parsed = parsed;
    groups_.push_back(std::move(group));
    group_by_fingerprint_.emplace(std::move(key), index);
  }
  if (group_by_shape_.size() >= kMaxShapeCache) group_by_shape_.clear();
  group_by_shape_.emplace(shape, index);
  return index;
}

void LogAggregate::AddExecution(int index, std::string_view sql, const LogRecord& record, int file, const double* ms) {
  ++summary_.query_count;
  if (ms != nullptr) {
    ++summary_.timed_count;
    summary_.total_us += ToMicros(*ms);
    ++summary_.histogram[static_cast<size_t>(HistogramBucket(*ms))];
    sketch_.Add(*ms);
  }
  if (index < 0) {
    ++summary_.overflow_count;
    if (ms != nullptr) summary_.overflow_us += ToMicros(*ms);
    return;
  }
  Group& group = groups_[static_cast<size_t>(index)];
  QueryGroup& q = group.summary;
  ++q.count;
  const double duration = ms != nullptr ? *ms : -1;
  if (ms != nullptr) {
    const int64_t us = ToMicros(*ms);
    q.min_us = q.timed == 0 ? us : std::min(q.min_us, us);
    q.max_us = std::max(q.max_us, us);
    ++q.timed;
    q.total_us += us;
    ++q.histogram[static_cast<size_t>(HistogramBucket(*ms))];
    group.sketch.Add(*ms);
  }
  // The example: the slowest execution, the earliest among equals (so the result does not depend on threads).
  const bool first = q.example.empty();
  const bool slower = duration > q.example_ms ||
                      (duration == q.example_ms && std::pair<int64_t, int64_t>(file, record.line) <
                                                       std::pair<int64_t, int64_t>(group.example_file, group.example_line));
  if (first || slower) {
    q.example.assign(sql.substr(0, kMaxExampleBytes));
    q.example_ms = std::max(duration, 0.0);
    if (record.detail.substr(0, 12) == "parameters: ") q.example_parameters.assign(record.detail.substr(12, kMaxExampleBytes));
    else q.example_parameters.clear();
    q.example_database.assign(record.database);
    q.example_user.assign(record.user);
    group.example_file = file;
    group.example_line = record.line;
  }
}

void LogAggregate::AddPlan(std::string_view plan_text, double ms, const LogRecord& record, int file) {
  auto plans = sources::ParseExplain(plan_text, Location(file, record.line));
  if (!plans.ok() || plans->empty()) return;
  const model::Plan& plan = plans->front();
  if (plan.query_text.empty()) return;
  const int index = GroupOf(plan.query_text);
  if (index < 0) return;
  QueryGroup& q = groups_[static_cast<size_t>(index)].summary;
  ++q.plans;
  if (plan.root.actual_rows) q.plan_rows += *plan.root.actual_rows * plan.root.actual_loops.value_or(1);
  if (ms > q.slowest_plan_ms || q.slowest_plan.empty()) {
    q.slowest_plan_ms = ms;
    q.slowest_plan.assign(plan_text.substr(0, kMaxExampleBytes));
  }
}

void LogAggregate::OnRecord(int file, const LogRecord& record) {
  ++summary_.records;
  ++summary_.severities[std::string(record.severity)];
  if (!record.timestamp.empty()) {
    if (summary_.first_timestamp.empty() || record.timestamp < summary_.first_timestamp)
      summary_.first_timestamp.assign(record.timestamp);
    if (record.timestamp > summary_.last_timestamp) summary_.last_timestamp.assign(record.timestamp);
  }
  const std::string_view message = record.message;
  const std::string_view severity = record.severity;

  if (severity == "LOG") {
    if (auto duration = ReadDuration(message)) {
      using Kind = DurationMessage::Kind;
      switch (duration->kind) {
        case Kind::kStatement:
        case Kind::kExecute: {
          AddExecution(GroupOf(duration->text), duration->text, record, file, &duration->ms);
          pending_by_pid_.erase(record.pid);
          return;
        }
        case Kind::kBind:
        case Kind::kParse: {
          const int index = GroupOf(duration->text);
          if (index >= 0) groups_[static_cast<size_t>(index)].summary.prepare_us += ToMicros(duration->ms);
          return;
        }
        case Kind::kPlan: AddPlan(duration->text, duration->ms, record, file); return;
        case Kind::kNone: {
          auto pending = pending_by_pid_.find(record.pid);
          if (pending == pending_by_pid_.end()) {
            ++summary_.unmatched_durations;
            return;
          }
          // The execution was counted when its statement was logged; now it has a duration.
          const int index = pending->second;
          pending_by_pid_.erase(pending);
          const double ms = duration->ms;
          ++summary_.timed_count;
          summary_.total_us += ToMicros(ms);
          ++summary_.histogram[static_cast<size_t>(HistogramBucket(ms))];
          sketch_.Add(ms);
          if (index < 0) {
            summary_.overflow_us += ToMicros(ms);
            return;
          }
          Group& group = groups_[static_cast<size_t>(index)];
          QueryGroup& q = group.summary;
          const int64_t us = ToMicros(ms);
          q.min_us = q.timed == 0 ? us : std::min(q.min_us, us);
          q.max_us = std::max(q.max_us, us);
          ++q.timed;
          q.total_us += us;
          ++q.histogram[static_cast<size_t>(HistogramBucket(ms))];
          group.sketch.Add(ms);
          if (ms > q.example_ms) q.example_ms = ms;
          return;
        }
        case Kind::kOther: return;
      }
    }
    if (auto sql = ReadLoggedStatement(message)) {
      const int index = GroupOf(*sql);
      AddExecution(index, *sql, record, file, nullptr);
      pending_by_pid_[record.pid] = index;
      return;
    }
    if (auto wait = ReadLockWait(message)) {
      LockSummary& lock = locks_[fmt::format("{}\x1f{}", wait->mode, wait->object)];
      if (lock.mode.empty()) {
        lock.mode.assign(wait->mode);
        lock.object.assign(wait->object);
      }
      if (wait->acquired) {
        ++lock.acquired;
        lock.total_wait_ms += wait->ms;
        lock.max_wait_ms = std::max(lock.max_wait_ms, wait->ms);
      } else {
        ++lock.waiting;
        if (!record.statement.empty()) {
          const int index = GroupOf(record.statement);
          if (index >= 0) ++groups_[static_cast<size_t>(index)].summary.lock_waits;
        }
      }
      return;
    }
    if (auto bytes = ReadTemporaryFile(message)) {
      ++summary_.temp_files;
      summary_.temp_bytes += *bytes;
      summary_.max_temp_bytes = std::max(summary_.max_temp_bytes, *bytes);
      if (record.statement.empty()) {
        ++summary_.temp_files_without_statement;
      } else if (const int index = GroupOf(record.statement); index >= 0) {
        ++groups_[static_cast<size_t>(index)].summary.temp_files;
        groups_[static_cast<size_t>(index)].summary.temp_bytes += *bytes;
      }
      return;
    }
    if (auto checkpoint = ReadCheckpoint(message)) {
      CheckpointSummary& c = summary_.checkpoints;
      if (!checkpoint->complete) {
        ++c.reasons[std::string(checkpoint->reason)];
      } else {
        ++c.complete;
        c.buffers += checkpoint->buffers;
        c.write_s += checkpoint->write_s;
        c.sync_s += checkpoint->sync_s;
        c.total_s += checkpoint->total_s;
        c.max_total_s = std::max(c.max_total_s, checkpoint->total_s);
        c.distance_kb += checkpoint->distance_kb;
      }
      return;
    }
    if (auto run = ReadAutovacuum(message)) {
      auto it = tables_.find(std::string(run->table));
      if (it == tables_.end()) {
        if (tables_.size() >= kMaxTables) return;
        it = tables_.emplace(std::string(run->table), TableMaintenance{std::string(run->table)}).first;
      }
      TableMaintenance& table = it->second;
      if (run->analyze) ++table.analyzes;
      else ++table.vacuums;
      table.elapsed_s += run->elapsed_s;
      table.tuples_removed += run->tuples_removed;
      return;
    }
    if (auto connection = ReadConnection(message)) {
      ConnectionSummary& c = summary_.connections;
      using Kind = ConnectionMessage::Kind;
      if (connection->kind == Kind::kReceived) {
        ++c.received;
      } else if (connection->kind == Kind::kAuthorized) {
        ++c.authorized;
        if (c.by_user_database.size() < kMaxErrorGroups)
          ++c.by_user_database[fmt::format("{}@{}", connection->user, connection->database)];
        if (c.by_application.size() < kMaxErrorGroups) ++c.by_application[std::string(connection->application)];
      } else {
        ++c.disconnections;
        c.session_s += connection->session_s;
        c.max_session_s = std::max(c.max_session_s, connection->session_s);
      }
      return;
    }
    return;
  }

  if (severity == "ERROR" || severity == "FATAL" || severity == "PANIC" || severity == "WARNING") {
    ErrorKey key{std::string(severity), std::string(record.sqlstate), ErrorPattern(message)};
    auto it = errors_.find(key);
    const std::pair<int64_t, int64_t> where(file, record.line);
    if (it == errors_.end()) {
      if (errors_.size() >= kMaxErrorGroups) return;
      ErrorState state;
      state.group.severity = key.severity;
      state.group.sqlstate = key.sqlstate;
      state.group.pattern = key.pattern;
      state.file = file;
      state.line = record.line;
      state.group.first_location = Location(file, record.line);
      state.group.example_statement.assign(record.statement.substr(0, kMaxExampleBytes));
      it = errors_.emplace(std::move(key), std::move(state)).first;
    } else if (where < std::pair<int64_t, int64_t>(it->second.file, it->second.line)) {
      it->second.file = file;
      it->second.line = record.line;
      it->second.group.first_location = Location(file, record.line);
      it->second.group.example_statement.assign(record.statement.substr(0, kMaxExampleBytes));
    }
    ++it->second.group.count;
    if (!record.sqlstate.empty()) ++summary_.errors_by_sqlstate[std::string(record.sqlstate)];
    if (!record.statement.empty() && severity == "ERROR") {
      if (const int index = GroupOf(record.statement); index >= 0) ++groups_[static_cast<size_t>(index)].summary.errors;
    }
    if (message == "deadlock detected") {
      ++summary_.deadlock_count;
      Deadlock deadlock;
      deadlock.timestamp.assign(record.timestamp);
      deadlock.location = Location(file, record.line);
      // DETAIL: "Process 1 waits for ShareLock on transaction 5; blocked by process 2.\nProcess 2 waits …\n
      // Process 1: UPDATE …\nProcess 2: UPDATE …"
      std::string_view detail = record.detail;
      while (!detail.empty()) {
        const size_t end = detail.find('\n');
        const std::string_view line = detail.substr(0, end);
        deadlock.processes.emplace_back(line.substr(0, kMaxExampleBytes));
        if (end == std::string_view::npos) break;
        detail.remove_prefix(end + 1);
      }
      if (!record.statement.empty()) deadlock.processes.push_back("STATEMENT: " + std::string(record.statement));
      deadlocks_.emplace_back(where, std::move(deadlock));
      if (deadlocks_.size() > 4 * kMaxSamples) KeepEarliest(&deadlocks_);
    }
  }
}

void LogAggregate::OnMalformed(int file, const sources::logs::MalformedLine& line) {
  ++summary_.malformed;
  if (malformed_.size() < kMaxSamples || std::pair<int64_t, int64_t>(file, line.line) < malformed_.back().first) {
    malformed_.emplace_back(std::pair<int64_t, int64_t>(file, line.line),
                            MalformedSample{Location(file, line.line), std::string(line.reason)});
    KeepEarliest(&malformed_);
  }
}

void LogAggregate::Merge(LogAggregate&& other) {
  LogSummary& s = summary_;
  LogSummary& o = other.summary_;
  s.records += o.records;
  for (const auto& [k, v] : o.severities) s.severities[k] += v;
  if (!o.first_timestamp.empty() && (s.first_timestamp.empty() || o.first_timestamp < s.first_timestamp))
    s.first_timestamp = o.first_timestamp;
  if (o.last_timestamp > s.last_timestamp) s.last_timestamp = o.last_timestamp;
  s.query_count += o.query_count;
  s.timed_count += o.timed_count;
  s.total_us += o.total_us;
  for (size_t i = 0; i < s.histogram.size(); ++i) s.histogram[i] += o.histogram[i];
  sketch_.Merge(other.sketch_);
  s.unmatched_durations += o.unmatched_durations;
  s.overflow_count += o.overflow_count;
  s.overflow_us += o.overflow_us;

  for (Group& theirs : other.groups_) {
    auto it = group_by_fingerprint_.find(theirs.summary.fingerprint);
    if (it == group_by_fingerprint_.end()) {
      if (groups_.size() >= kMaxQueryGroups) {
        s.overflow_count += theirs.summary.count;
        s.overflow_us += theirs.summary.total_us;
        continue;
      }
      group_by_fingerprint_.emplace(theirs.summary.fingerprint, static_cast<int>(groups_.size()));
      groups_.push_back(std::move(theirs));
      continue;
    }
    Group& mine = groups_[static_cast<size_t>(it->second)];
    QueryGroup& a = mine.summary;
    QueryGroup& b = theirs.summary;
    const bool take_example =
        !b.example.empty() &&
        (a.example.empty() || b.example_ms > a.example_ms ||
         (b.example_ms == a.example_ms && std::pair(theirs.example_file, theirs.example_line) <
                                              std::pair(mine.example_file, mine.example_line)));
    if (take_example) {
      a.example = std::move(b.example);
      a.example_ms = b.example_ms;
      a.example_parameters = std::move(b.example_parameters);
      a.example_database = std::move(b.example_database);
      a.example_user = std::move(b.example_user);
      mine.example_file = theirs.example_file;
      mine.example_line = theirs.example_line;
    }
    if (b.timed > 0) a.min_us = a.timed == 0 ? b.min_us : std::min(a.min_us, b.min_us);
    a.max_us = std::max(a.max_us, b.max_us);
    a.count += b.count;
    a.timed += b.timed;
    a.total_us += b.total_us;
    for (size_t i = 0; i < a.histogram.size(); ++i) a.histogram[i] += b.histogram[i];
    mine.sketch.Merge(theirs.sketch);
    a.prepare_us += b.prepare_us;
    a.plans += b.plans;
    a.plan_rows += b.plan_rows;
    if (b.slowest_plan_ms > a.slowest_plan_ms || a.slowest_plan.empty()) {
      if (!b.slowest_plan.empty()) {
        a.slowest_plan = std::move(b.slowest_plan);
        a.slowest_plan_ms = b.slowest_plan_ms;
      }
    }
    a.temp_files += b.temp_files;
    a.temp_bytes += b.temp_bytes;
    a.lock_waits += b.lock_waits;
    a.errors += b.errors;
  }

  for (auto& [key, lock] : other.locks_) {
    LockSummary& mine = locks_[key];
    if (mine.mode.empty()) {
      mine = lock;
      continue;
    }
    mine.waiting += lock.waiting;
    mine.acquired += lock.acquired;
    mine.total_wait_ms += lock.total_wait_ms;
    mine.max_wait_ms = std::max(mine.max_wait_ms, lock.max_wait_ms);
  }
  s.deadlock_count += o.deadlock_count;
  for (auto& d : other.deadlocks_) deadlocks_.push_back(std::move(d));
  KeepEarliest(&deadlocks_);
  s.temp_files += o.temp_files;
  s.temp_files_without_statement += o.temp_files_without_statement;
  s.temp_bytes += o.temp_bytes;
  s.max_temp_bytes = std::max(s.max_temp_bytes, o.max_temp_bytes);
  CheckpointSummary& c = s.checkpoints;
  for (const auto& [k, v] : o.checkpoints.reasons) c.reasons[k] += v;
  c.complete += o.checkpoints.complete;
  c.buffers += o.checkpoints.buffers;
  c.write_s += o.checkpoints.write_s;
  c.sync_s += o.checkpoints.sync_s;
  c.total_s += o.checkpoints.total_s;
  c.max_total_s = std::max(c.max_total_s, o.checkpoints.max_total_s);
  c.distance_kb += o.checkpoints.distance_kb;
  for (auto& [name, table] : other.tables_) {
    auto it = tables_.find(name);
    if (it == tables_.end()) {
      if (tables_.size() < kMaxTables) tables_.emplace(name, table);
      continue;
    }
    it->second.vacuums += table.vacuums;
    it->second.analyzes += table.analyzes;
    it->second.elapsed_s += table.elapsed_s;
    it->second.tuples_removed += table.tuples_removed;
  }
  ConnectionSummary& cs = s.connections;
  const ConnectionSummary& co = o.connections;
  cs.received += co.received;
  cs.authorized += co.authorized;
  cs.disconnections += co.disconnections;
  cs.session_s += co.session_s;
  cs.max_session_s = std::max(cs.max_session_s, co.max_session_s);
  for (const auto& [k, v] : co.by_user_database) cs.by_user_database[k] += v;
  for (const auto& [k, v] : co.by_application) cs.by_application[k] += v;
  for (auto& [key, state] : other.errors_) {
    auto it = errors_.find(key);
    if (it == errors_.end()) {
      if (errors_.size() < kMaxErrorGroups) errors_.emplace(key, std::move(state));
      continue;
    }
    it->second.group.count += state.group.count;
    if (std::pair(state.file, state.line) < std::pair(it->second.file, it->second.line)) {
      it->second.file = state.file;
      it->second.line = state.line;
      it->second.group.first_location = std::move(state.group.first_location);
      it->second.group.example_statement = std::move(state.group.example_statement);
    }
  }
  for (const auto& [k, v] : o.errors_by_sqlstate) s.errors_by_sqlstate[k] += v;
  s.malformed += o.malformed;
  for (auto& m : other.malformed_) malformed_.push_back(std::move(m));
  KeepEarliest(&malformed_);
}

LogSummary LogAggregate::TakeSummary() {
  LogSummary summary = std::move(summary_);
  summary.p50_ms = sketch_.Quantile(0.50);
  summary.p95_ms = sketch_.Quantile(0.95);
  summary.p99_ms = sketch_.Quantile(0.99);
  for (Group& group : groups_) {
    group.summary.p50_ms = group.sketch.Quantile(0.50);
    group.summary.p95_ms = group.sketch.Quantile(0.95);
    group.summary.p99_ms = group.sketch.Quantile(0.99);
    summary.queries.push_back(std::move(group.summary));
  }
  for (auto& [key, lock] : locks_) summary.locks.push_back(std::move(lock));
  for (auto& [where, deadlock] : deadlocks_) summary.deadlocks.push_back(std::move(deadlock));
  for (auto& [name, table] : tables_) summary.maintenance.push_back(std::move(table));
  for (auto& [key, state] : errors_) summary.errors.push_back(std::move(state.group));
  for (auto& [where, sample] : malformed_) summary.malformed_samples.push_back(std::move(sample));
  return summary;
}

}  // namespace dbarch::analyzers::logs
