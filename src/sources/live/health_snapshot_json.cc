// The saved form of a health snapshot. Each struct lists its fields once (Visit), and the same list writes
// and reads them, so the two directions cannot drift apart; reading is strict (wrong types and unknown keys
// are errors naming the field) because a snapshot edited by hand should fail loudly, not analyze as healthy.
#include <concepts>
#include <set>
#include <type_traits>

#include <fmt/format.h>

#include "sources/live/health_snapshot.h"

namespace dbarch::sources {
namespace {

using nlohmann::json;

#define DBARCH_HEALTH_FIELDS(Type, ...)                                   \
  template <class S, class F>                                             \
    requires std::is_same_v<std::remove_const_t<S>, Type>                 \
  void Visit(S& s, F&& f) {                                               \
    __VA_ARGS__                                                           \
  }

DBARCH_HEALTH_FIELDS(HealthSession, f("pid", s.pid); f("user", s.user); f("database", s.database);
                     f("application", s.application); f("state", s.state); f("query", s.query);
                     f("wait_event_type", s.wait_event_type); f("wait_event", s.wait_event);
                     f("transaction_seconds", s.transaction_seconds); f("query_seconds", s.query_seconds);
                     f("state_seconds", s.state_seconds); f("blocked_by", s.blocked_by);
                     f("waiting_for_lock", s.waiting_for_lock);)
DBARCH_HEALTH_FIELDS(HealthDatabaseAge, f("name", s.name); f("xid_age", s.xid_age);
                     f("multixact_age", s.multixact_age);)
DBARCH_HEALTH_FIELDS(HealthTable, f("schema", s.schema); f("name", s.name); f("xid_age", s.xid_age);
                     f("multixact_age", s.multixact_age); f("live_tuples", s.live_tuples);
                     f("dead_tuples", s.dead_tuples); f("modified_since_analyze", s.modified_since_analyze);
                     f("seconds_since_vacuum", s.seconds_since_vacuum);
                     f("seconds_since_analyze", s.seconds_since_analyze);
                     f("autovacuum_enabled", s.autovacuum_enabled); f("heap_blocks_read", s.heap_blocks_read);
                     f("heap_blocks_hit", s.heap_blocks_hit); f("table_bytes", s.table_bytes);
                     f("estimated_bloat_bytes", s.estimated_bloat_bytes);)
DBARCH_HEALTH_FIELDS(HealthIndex, f("schema", s.schema); f("table", s.table); f("name", s.name);
                     f("definition", s.definition); f("valid", s.valid); f("unique", s.unique);
                     f("primary", s.primary); f("backs_constraint", s.backs_constraint); f("scans", s.scans);
                     f("bytes", s.bytes); f("estimated_bloat_bytes", s.estimated_bloat_bytes);
                     f("signature", s.signature);)
DBARCH_HEALTH_FIELDS(HealthSequence, f("schema", s.schema); f("name", s.name); f("data_type", s.data_type);
                     f("last_value", s.last_value); f("max_value", s.max_value); f("min_value", s.min_value);
                     f("increment", s.increment);)
DBARCH_HEALTH_FIELDS(HealthSequenceColumn, f("schema", s.schema); f("table", s.table); f("column", s.column);
                     f("data_type", s.data_type); f("sequence", s.sequence); f("last_value", s.last_value);
                     f("type_max", s.type_max);)
DBARCH_HEALTH_FIELDS(HealthReplica, f("pid", s.pid); f("application", s.application); f("client", s.client);
                     f("state", s.state); f("replay_lag_bytes", s.replay_lag_bytes);
                     f("replay_lag_seconds", s.replay_lag_seconds);)
DBARCH_HEALTH_FIELDS(HealthReplicationSlot, f("name", s.name); f("slot_type", s.slot_type);
                     f("database", s.database); f("active", s.active);
                     f("retained_wal_bytes", s.retained_wal_bytes);)
DBARCH_HEALTH_FIELDS(HealthDatabaseStats, f("blocks_hit", s.blocks_hit); f("blocks_read", s.blocks_read);
                     f("temp_files", s.temp_files); f("temp_bytes", s.temp_bytes); f("deadlocks", s.deadlocks);
                     f("stats_reset", s.stats_reset);)
DBARCH_HEALTH_FIELDS(HealthCheckpoints, f("timed", s.timed); f("requested", s.requested);
                     f("stats_reset", s.stats_reset);)
DBARCH_HEALTH_FIELDS(HealthSnapshot, f("server_version", s.server_version); f("database", s.database);
                     f("captured_at", s.captured_at); f("max_connections", s.max_connections);
                     f("reserved_connections", s.reserved_connections); f("connections", s.connections);
                     f("sessions", s.sessions); f("database_ages", s.database_ages); f("tables", s.tables);
                     f("indexes", s.indexes); f("sequences", s.sequences);
                     f("sequence_columns", s.sequence_columns); f("replicas", s.replicas);
                     f("replication_slots", s.replication_slots); f("database_stats", s.database_stats);
                     f("checkpoints", s.checkpoints); f("notes", s.notes);)

#undef DBARCH_HEALTH_FIELDS

template <class T>
concept Visitable = requires(T& t) { Visit(t, [](const char*, auto&) {}); };

// A field that does not match: the path to it ("tables[2].dead_tuples") and what was expected.
struct FieldError {
  std::string path;
  std::string expected;
};

template <class T>
json Write(const T& value);
template <class T>
json Write(const std::optional<T>& value);
template <class T>
json Write(const std::vector<T>& values);

template <class T>
json Write(const T& value) {
  if constexpr (Visitable<T>) {
    json out = json::object();
    Visit(value, [&](const char* key, const auto& field) { out[key] = Write(field); });
    return out;
  } else {
    return value;
  }
}

template <class T>
json Write(const std::optional<T>& value) {
  return value ? Write(*value) : json(nullptr);
}

template <class T>
json Write(const std::vector<T>& values) {
  json out = json::array();
  for (const T& value : values) out.push_back(Write(value));
  return out;
}

template <class T>
void Read(const json& in, const std::string& path, T* out);
template <class T>
void Read(const json& in, const std::string& path, std::optional<T>* out);
template <class T>
void Read(const json& in, const std::string& path, std::vector<T>* out);

template <class T>
void Read(const json& in, const std::string& path, std::optional<T>* out) {
  if (in.is_null()) {
    out->reset();
    return;
  }
  T value{};
  Read(in, path, &value);
  *out = std::move(value);
}

template <class T>
void Read(const json& in, const std::string& path, std::vector<T>* out) {
  if (!in.is_array()) throw FieldError{path, "an array"};
  out->clear();
  for (size_t i = 0; i < in.size(); ++i) {
    T value{};
    Read(in[i], fmt::format("{}[{}]", path, i), &value);
    out->push_back(std::move(value));
  }
}

template <class T>
void Read(const json& in, const std::string& path, T* out) {
  if constexpr (Visitable<T>) {
    if (!in.is_object()) throw FieldError{path, "an object"};
    std::set<std::string> known;
    Visit(*out, [&](const char* key, auto& field) {
      known.insert(key);
      const std::string field_path = path.empty() ? key : path + "." + key;
      if (auto found = in.find(key); found != in.end()) Read(*found, field_path, &field);
    });
    for (const auto& [key, value] : in.items()) {
      if (!known.contains(key)) throw FieldError{path.empty() ? key : path + "." + key, "no such field"};
    }
  } else if constexpr (std::is_same_v<T, bool>) {
    if (!in.is_boolean()) throw FieldError{path, "true or false"};
    *out = in.get<bool>();
  } else if constexpr (std::is_same_v<T, std::string>) {
    if (!in.is_string()) throw FieldError{path, "a string"};
    *out = in.get<std::string>();
  } else if constexpr (std::is_integral_v<T>) {
    if (!in.is_number_integer()) throw FieldError{path, "an integer"};
    *out = in.get<T>();
  } else {
    static_assert(std::is_floating_point_v<T>);
    if (!in.is_number()) throw FieldError{path, "a number"};
    *out = in.get<T>();
  }
}

SourceLocation LocateOffset(std::string_view text, size_t offset, const std::string& name) {
  SourceLocation where;
  where.file = name;
  where.line = 1;
  where.column = 1;
  where.byte_offset = std::min(offset, text.size());
  for (size_t i = 0; i < where.byte_offset; ++i) {
    if (text[i] == '\n') {
      ++where.line;
      where.column = 1;
    } else {
      ++where.column;
    }
  }
  return where;
}

}  // namespace

nlohmann::json ToJson(const HealthSnapshot& snapshot) { return Write(snapshot); }

Result<HealthSnapshot> HealthSnapshotFromJson(std::string_view text, const std::string& name) {
  json document;
  try {
    document = json::parse(text.begin(), text.end());
  } catch (const json::parse_error& error) {
    // nlohmann reports the 1-based offset of the byte it stopped at.
    std::string message = error.what();
    if (const size_t colon = message.rfind(": "); colon != std::string::npos) message = message.substr(colon + 2);
    return Status::InvalidInput(fmt::format("malformed health snapshot JSON: {}", message),
                                LocateOffset(text, error.byte > 0 ? error.byte - 1 : 0, name));
  } catch (const json::exception& error) {
    // A number too large for a double ("number overflow parsing '1E400'") carries no offset: point at the
    // first occurrence of the token it names.
    std::string message = error.what();
    if (const size_t bracket = message.find("] "); bracket != std::string::npos) message = message.substr(bracket + 2);
    size_t offset = 0;
    if (const size_t open = message.find('\''), close = message.rfind('\''); open != std::string::npos && close > open) {
      offset = std::min(text.find(message.substr(open + 1, close - open - 1)), text.size());
    }
    return Status::InvalidInput(fmt::format("malformed health snapshot JSON: {}", message), LocateOffset(text, offset, name));
  }
  HealthSnapshot snapshot;
  try {
    Read(document, "", &snapshot);
  } catch (const FieldError& error) {
    SourceLocation where;
    where.file = name;
    const std::string field = error.path.empty() ? "the document" : error.path;
    if (error.expected == "no such field") {
      return Status::InvalidInput(fmt::format("health snapshot: unknown field {}", field), where);
    }
    return Status::InvalidInput(fmt::format("health snapshot: {} must be {}", field, error.expected), where);
  }
  return snapshot;
}

}  // namespace dbarch::sources
