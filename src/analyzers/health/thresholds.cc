// The names --threshold accepts, one per HealthThresholds field.
#include <cmath>
#include <cstdlib>

#include <fmt/format.h>

#include "analyzers/health.h"

namespace dbarch::analyzers {

const std::vector<HealthThresholdInfo>& HealthThresholdInfos() {
  using T = HealthThresholds;
  static const std::vector<HealthThresholdInfo> kInfos = {
      {"long-running-query-seconds", &T::long_running_query_seconds, "an active statement running longer"},
      {"idle-in-transaction-seconds", &T::idle_in_transaction_seconds, "idle inside an open transaction longer"},
      {"blocked-query-seconds", &T::blocked_query_seconds, "a statement waiting for a lock longer"},
      {"xid-age-warning", &T::xid_age_warning, "transaction ID age (datfrozenxid, relfrozenxid): warning"},
      {"xid-age-error", &T::xid_age_error, "transaction ID age: error"},
      {"multixact-age-warning", &T::multixact_age_warning, "multixact ID age (datminmxid, relminmxid): warning"},
      {"multixact-age-error", &T::multixact_age_error, "multixact ID age: error"},
      {"sequence-used-warning", &T::sequence_used_warning, "share of a sequence's or int column's range used: warning"},
      {"sequence-used-error", &T::sequence_used_error, "share of the range used: error"},
      {"dead-tuples-ratio", &T::dead_tuples_ratio, "dead rows / (live + dead rows)"},
      {"dead-tuples-min", &T::dead_tuples_min, "at least this many dead rows"},
      {"stale-statistics-ratio", &T::stale_statistics_ratio, "rows modified since ANALYZE / live rows"},
      {"stale-statistics-min", &T::stale_statistics_min, "at least this many modified rows"},
      {"table-bloat-ratio", &T::table_bloat_ratio, "estimated bloat / table size"},
      {"table-bloat-min-bytes", &T::table_bloat_min_bytes, "at least this much table bloat"},
      {"index-bloat-ratio", &T::index_bloat_ratio, "estimated bloat / index size"},
      {"index-bloat-min-bytes", &T::index_bloat_min_bytes, "at least this much index bloat"},
      {"unused-index-min-bytes", &T::unused_index_min_bytes, "unused indexes at least this large"},
      {"connection-usage-warning", &T::connection_usage_warning, "connections / usable max_connections: warning"},
      {"connection-usage-error", &T::connection_usage_error, "connections / usable max_connections: error"},
      {"cache-hit-ratio-min", &T::cache_hit_ratio_min, "lowest acceptable buffer cache hit ratio"},
      {"cache-min-blocks", &T::cache_min_blocks, "block accesses needed before the ratio is judged"},
      {"replication-lag-bytes", &T::replication_lag_bytes, "standby replay lag in bytes"},
      {"replication-lag-seconds", &T::replication_lag_seconds, "standby replay lag in seconds"},
      {"slot-retained-bytes-error", &T::slot_retained_bytes_error, "WAL an inactive slot retains: error"},
      {"requested-checkpoints-ratio", &T::requested_checkpoints_ratio, "requested / all checkpoints"},
      {"checkpoints-min", &T::checkpoints_min, "checkpoints needed before the ratio is judged"},
      {"temp-bytes", &T::temp_bytes, "temporary file bytes since stats_reset"},
      {"deadlocks", &T::deadlocks, "deadlocks since stats_reset"},
  };
  return kInfos;
}

namespace {

// "12", "0.5", "100MB", "1.5GB", "512kB" (PostgreSQL's units, powers of 1024).
std::optional<double> ParseValue(std::string_view text) {
  const std::string value(text);
  char* end = nullptr;
  const double number = std::strtod(value.c_str(), &end);
  if (end == value.c_str() || !std::isfinite(number)) return std::nullopt;
  const std::string unit(end);
  static const std::pair<const char*, double> kUnits[] = {
      {"", 1}, {"B", 1}, {"kB", 1024.0}, {"MB", 1024.0 * 1024}, {"GB", 1024.0 * 1024 * 1024},
      {"TB", 1024.0 * 1024 * 1024 * 1024}};
  for (const auto& [name, factor] : kUnits) {
    if (unit == name) return number * factor;
  }
  return std::nullopt;
}

}  // namespace

Status SetHealthThreshold(HealthThresholds* thresholds, std::string_view assignment) {
  const size_t equals = assignment.find('=');
  const std::string_view name = assignment.substr(0, equals);
  for (const HealthThresholdInfo& info : HealthThresholdInfos()) {
    if (info.name != name) continue;
    std::optional<double> value =
        equals == std::string_view::npos ? std::nullopt : ParseValue(assignment.substr(equals + 1));
    if (!value || *value < 0) {
      return Status::InvalidInput(fmt::format(
          "--threshold {}: expected {}=NUMBER (a non-negative number; sizes may end in kB, MB, GB)", assignment, name));
    }
    thresholds->*info.field = *value;
    return Status::Ok();
  }
  std::string names;
  for (const HealthThresholdInfo& info : HealthThresholdInfos()) names += fmt::format("{}{}", names.empty() ? "" : ", ", info.name);
  return Status::InvalidInput(fmt::format("--threshold {}: unknown threshold '{}' (known: {})", assignment, name, names));
}

}  // namespace dbarch::analyzers
