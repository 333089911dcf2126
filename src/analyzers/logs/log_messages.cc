#include "analyzers/logs/log_messages.h"

#include <cctype>
#include <charconv>
#include <string>

namespace dbarch::analyzers::logs {
namespace {

bool StartsWith(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

// Reads a decimal number at *pos and moves past it.
std::optional<double> Number(std::string_view s, size_t* pos) {
  double value = 0;
  const char* begin = s.data() + *pos;
  auto [end, error] = std::from_chars(begin, s.data() + s.size(), value);
  if (error != std::errc()) return std::nullopt;
  *pos += static_cast<size_t>(end - begin);
  return value;
}

// The number right after `label` in s (e.g. label "write=" in "write=0.267 s"); 0 when absent.
double After(std::string_view s, std::string_view label) {
  size_t pos = s.find(label);
  if (pos == std::string_view::npos) return 0;
  pos += label.size();
  return Number(s, &pos).value_or(0);
}

// The value of "key=" up to the next blank.
std::string_view Field(std::string_view s, std::string_view key) {
  size_t pos = s.find(key);
  while (pos != std::string_view::npos && pos > 0 && s[pos - 1] != ' ' && s[pos - 1] != ':') pos = s.find(key, pos + 1);
  if (pos == std::string_view::npos) return {};
  pos += key.size();
  const size_t end = s.find(' ', pos);
  return s.substr(pos, end == std::string_view::npos ? std::string_view::npos : end - pos);
}

// "execute S_1: SELECT" / "bind <unnamed>: SELECT" after the keyword: the SQL after ": ".
std::optional<std::string_view> AfterName(std::string_view s) {
  const size_t colon = s.find(": ");
  if (colon == std::string_view::npos) return std::nullopt;
  return s.substr(colon + 2);
}

}  // namespace

std::optional<DurationMessage> ReadDuration(std::string_view message) {
  if (!StartsWith(message, "duration: ")) return std::nullopt;
  size_t pos = 10;
  auto ms = Number(message, &pos);
  if (!ms || message.compare(pos, 3, " ms") != 0) return std::nullopt;
  pos += 3;
  DurationMessage duration;
  duration.ms = *ms;
  if (pos >= message.size()) return duration;
  std::string_view rest = message.substr(pos);
  while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
  if (StartsWith(rest, "statement: ")) {
    duration.kind = DurationMessage::Kind::kStatement;
    duration.text = rest.substr(11);
  } else if (StartsWith(rest, "plan:")) {
    duration.kind = DurationMessage::Kind::kPlan;
    duration.text = rest.substr(5);
    while (!duration.text.empty() && (duration.text.front() == '\n' || duration.text.front() == ' '))
      duration.text.remove_prefix(1);
  } else {
    const std::pair<std::string_view, DurationMessage::Kind> kinds[] = {
        {"execute ", DurationMessage::Kind::kExecute},
        {"bind ", DurationMessage::Kind::kBind},
        {"parse ", DurationMessage::Kind::kParse}};
    duration.kind = DurationMessage::Kind::kOther;  // "fastpath function call", …
    for (const auto& [word, kind] : kinds) {
      if (!StartsWith(rest, word)) continue;
      if (auto sql = AfterName(rest)) {
        duration.kind = kind;
        duration.text = *sql;
      }
      break;
    }
  }
  return duration;
}

std::optional<std::string_view> ReadLoggedStatement(std::string_view message) {
  if (StartsWith(message, "statement: ")) return message.substr(11);
  if (StartsWith(message, "execute ")) return AfterName(message);
  return std::nullopt;
}

std::optional<LockWaitMessage> ReadLockWait(std::string_view message) {
  if (!StartsWith(message, "process ")) return std::nullopt;
  LockWaitMessage wait;
  size_t pos;
  if ((pos = message.find(" still waiting for ")) != std::string_view::npos) {
    pos += 19;
  } else if ((pos = message.find(" acquired ")) != std::string_view::npos) {
    wait.acquired = true;
    pos += 10;
  } else {
    return std::nullopt;
  }
  const size_t on = message.find(" on ", pos);
  const size_t after = message.rfind(" after ");
  if (on == std::string_view::npos || after == std::string_view::npos || after < on) return std::nullopt;
  wait.mode = message.substr(pos, on - pos);
  const size_t object_start = on + 4;
  size_t object_end = object_start;
  while (object_end < after && !(message[object_end] >= '0' && message[object_end] <= '9') &&
         message[object_end] != '(' && message[object_end] != '[')
    ++object_end;
  wait.object = message.substr(object_start, object_end - object_start);
  while (!wait.object.empty() && wait.object.back() == ' ') wait.object.remove_suffix(1);
  size_t number = after + 7;
  wait.ms = Number(message, &number).value_or(0);
  return wait;
}

std::optional<double> ReadTemporaryFile(std::string_view message) {
  if (!StartsWith(message, "temporary file: ")) return std::nullopt;
  const size_t size = message.rfind(", size ");
  if (size == std::string_view::npos) return std::nullopt;
  size_t pos = size + 7;
  return Number(message, &pos);
}

std::optional<CheckpointMessage> ReadCheckpoint(std::string_view message) {
  CheckpointMessage checkpoint;
  if (StartsWith(message, "checkpoint starting: ")) {
    checkpoint.reason = message.substr(21);
    return checkpoint;
  }
  if (!StartsWith(message, "checkpoint complete: ")) return std::nullopt;
  checkpoint.complete = true;
  checkpoint.buffers = After(message, "wrote ");
  checkpoint.write_s = After(message, "write=");
  checkpoint.sync_s = After(message, "sync=");
  checkpoint.total_s = After(message, "total=");
  checkpoint.distance_kb = After(message, "distance=");
  return checkpoint;
}

std::optional<AutovacuumMessage> ReadAutovacuum(std::string_view message) {
  AutovacuumMessage run;
  if (StartsWith(message, "automatic analyze of table \"")) {
    run.analyze = true;
  } else if (!StartsWith(message, "automatic vacuum of table \"") &&
             !StartsWith(message, "automatic aggressive vacuum of table \"") &&
             !StartsWith(message, "automatic aggressive vacuum to prevent wraparound of table \"") &&
             !StartsWith(message, "automatic vacuum to prevent wraparound of table \"")) {
    return std::nullopt;
  }
  const size_t open = message.find('"');
  const size_t close = message.find('"', open + 1);
  if (close == std::string_view::npos) return std::nullopt;
  run.table = message.substr(open + 1, close - open - 1);
  run.elapsed_s = After(message, "elapsed: ");
  run.tuples_removed = After(message, "tuples: ");
  return run;
}

std::optional<ConnectionMessage> ReadConnection(std::string_view message) {
  ConnectionMessage connection;
  if (StartsWith(message, "connection received: ")) {
    connection.kind = ConnectionMessage::Kind::kReceived;
    return connection;
  }
  if (StartsWith(message, "connection authorized: ")) {
    connection.kind = ConnectionMessage::Kind::kAuthorized;
  } else if (StartsWith(message, "disconnection: session time: ")) {
    connection.kind = ConnectionMessage::Kind::kDisconnection;
    // H:MM:SS.fff
    size_t pos = 30;
    const double hours = Number(message, &pos).value_or(0);
    ++pos;
    const double minutes = Number(message, &pos).value_or(0);
    ++pos;
    const double seconds = Number(message, &pos).value_or(0);
    connection.session_s = hours * 3600 + minutes * 60 + seconds;
  } else {
    return std::nullopt;
  }
  connection.user = Field(message, "user=");
  connection.database = Field(message, "database=");
  connection.application = Field(message, "application_name=");
  return connection;
}

std::string ErrorPattern(std::string_view message) {
  std::string pattern;
  pattern.reserve(message.size());
  for (size_t i = 0; i < message.size(); ++i) {
    const char c = message[i];
    if (c == '"') {
      const size_t close = message.find('"', i + 1);
      if (close == std::string_view::npos) break;
      pattern += "\"…\"";
      i = close;
    } else if (c >= '0' && c <= '9' && (i == 0 || !std::isalnum(static_cast<unsigned char>(message[i - 1])))) {
      while (i + 1 < message.size() && (std::isdigit(static_cast<unsigned char>(message[i + 1])) || message[i + 1] == '.')) ++i;
      pattern += "N";
    } else if (c == '\n') {
      break;  // the first line names the kind of error
    } else {
      pattern += c;
    }
  }
  return pattern;
}

}  // namespace dbarch::analyzers::logs
