#include "sources/logs/log_line_prefix.h"

#include <algorithm>
#include <array>
#include <cctype>

namespace dbarch::sources::logs {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

size_t ScanDigits(std::string_view s, size_t pos) {
  while (pos < s.size() && IsDigit(s[pos])) ++pos;
  return pos;
}

// "2026-11-28 01:41:37[.915] UTC": date, time, optional fraction, then the zone abbreviation or offset.
std::optional<size_t> ScanTimestamp(std::string_view s, size_t pos) {
  static constexpr std::string_view kShape = "dddd-dd-dd dd:dd:dd";
  if (s.size() < pos + kShape.size()) return std::nullopt;
  for (size_t i = 0; i < kShape.size(); ++i) {
    const char want = kShape[i];
    const char got = s[pos + i];
    if (want == 'd' ? !IsDigit(got) : got != want) return std::nullopt;
  }
  pos += kShape.size();
  if (pos < s.size() && s[pos] == '.') pos = ScanDigits(s, pos + 1);
  if (pos >= s.size() || s[pos] != ' ') return std::nullopt;
  size_t zone = pos + 1;
  while (zone < s.size() && s[zone] != ' ' && s[zone] != ']' && s[zone] != ',' && s[zone] != '>') ++zone;
  if (zone == pos + 1) return std::nullopt;
  return zone;
}

constexpr std::array<std::string_view, 19> kSeverities = {
    "LOG",     "ERROR",  "WARNING", "FATAL",  "PANIC",  "NOTICE",    "INFO",
    "DEBUG",   "DEBUG1", "DEBUG2",  "DEBUG3", "DEBUG4", "DEBUG5",    "STATEMENT",
    "DETAIL",  "HINT",   "CONTEXT", "QUERY",  "LOCATION"};

}  // namespace

std::optional<size_t> MatchSeverity(std::string_view line, size_t pos, std::string_view* severity) {
  size_t end = pos;
  while (end < line.size() && ((line[end] >= 'A' && line[end] <= 'Z') || IsDigit(line[end]))) ++end;
  if (end == pos || end + 3 > line.size() || line[end] != ':' || line[end + 1] != ' ' || line[end + 2] != ' ')
    return std::nullopt;
  const std::string_view word = line.substr(pos, end - pos);
  if (std::find(kSeverities.begin(), kSeverities.end(), word) == kSeverities.end()) return std::nullopt;
  *severity = word;
  return end + 3;
}

bool IsSecondarySeverity(std::string_view s) {
  return s == "DETAIL" || s == "HINT" || s == "CONTEXT" || s == "STATEMENT" || s == "QUERY" || s == "LOCATION";
}

Result<LogLinePrefix> LogLinePrefix::Compile(std::string_view prefix) {
  LogLinePrefix compiled;
  compiled.text_ = std::string(prefix);
  std::string literal;
  auto flush = [&] {
    if (!literal.empty()) compiled.tokens_.push_back(Token{0, literal});
    literal.clear();
  };
  for (size_t i = 0; i < prefix.size(); ++i) {
    if (prefix[i] != '%') {
      literal += prefix[i];
      continue;
    }
    size_t j = i + 1;
    while (j < prefix.size() && (prefix[j] == '-' || IsDigit(prefix[j]))) ++j;  // padding: %-10u
    if (j >= prefix.size()) return Status::InvalidInput("log_line_prefix '" + std::string(prefix) + "' ends with '%'");
    const char escape = prefix[j];
    if (escape == '%') {
      literal += '%';
    } else if (std::string_view("audrhbpPtmnieclsvxqQ").find(escape) != std::string_view::npos) {
      flush();
      compiled.tokens_.push_back(Token{escape, {}});
    } else {
      // PostgreSQL writes nothing for an unknown escape.
    }
    i = j;
  }
  flush();
  return compiled;
}

bool LogLinePrefix::MatchFrom(size_t index, std::string_view line, size_t* pos, LogRecord* record) const {
  size_t p = *pos;
  for (size_t t = index; t < tokens_.size(); ++t) {
    const Token& token = tokens_[t];
    if (token.escape == 0) {
      if (line.compare(p, token.literal.size(), token.literal) != 0) return false;
      p += token.literal.size();
      continue;
    }
    // Padded values (%-10u) carry blanks: skip leading ones.
    const size_t start = p;
    switch (token.escape) {
      case 'q': {
        // Background processes end the prefix here.
        std::string_view severity;
        if (MatchSeverity(line, p, &severity)) {
          *pos = p;
          return true;
        }
        continue;
      }
      case 'p':
      case 'l':
      case 'x':
      case 'P': {
        p = ScanDigits(line, p);
        if (p == start && token.escape != 'P') return false;
        if (token.escape == 'p') {
          int64_t pid = 0;
          for (size_t i = start; i < p; ++i) pid = pid * 10 + (line[i] - '0');
          record->pid = pid;
        }
        continue;
      }
      case 't':
      case 'm':
      case 's': {
        auto end = ScanTimestamp(line, p);
        if (!end) return false;
        if (token.escape != 's') record->timestamp = line.substr(p, *end - p);
        p = *end;
        continue;
      }
      case 'n': {
        p = ScanDigits(line, p);
        if (p == start) return false;
        if (p < line.size() && line[p] == '.') p = ScanDigits(line, p + 1);
        continue;
      }
      case 'e': {
        if (p + 5 > line.size()) return false;
        for (size_t i = p; i < p + 5; ++i) {
          const char c = line[i];
          if (!IsDigit(c) && !(c >= 'A' && c <= 'Z')) return false;
        }
        record->sqlstate = line.substr(p, 5);
        p += 5;
        continue;
      }
      case 'c': {
        while (p < line.size() && (std::isxdigit(static_cast<unsigned char>(line[p])) || line[p] == '.')) ++p;
        if (p == start) return false;
        record->session_id = line.substr(start, p - start);
        continue;
      }
      case 'v': {
        p = ScanDigits(line, p);
        if (p < line.size() && line[p] == '/' && p > start) p = ScanDigits(line, p + 1);
        continue;
      }
      default: {
        // Free text: up to the next literal of the prefix, or to the next blank when none follows directly.
        size_t end;
        if (t + 1 < tokens_.size() && tokens_[t + 1].escape == 0) {
          end = line.find(tokens_[t + 1].literal, p);
        } else if (t + 1 < tokens_.size() && tokens_[t + 1].escape == 'q') {
          end = line.find(' ', p);
        } else if (t + 1 == tokens_.size()) {
          end = line.find(' ', p);
        } else {
          end = line.find(' ', p);
        }
        if (end == std::string_view::npos) return false;
        const std::string_view value = line.substr(p, end - p);
        switch (token.escape) {
          case 'u': record->user = value; break;
          case 'd': record->database = value; break;
          case 'a': record->application = value; break;
          case 'h':
          case 'r': record->host = value; break;
          default: break;
        }
        p = end;
        continue;
      }
    }
  }
  *pos = p;
  return true;
}

std::optional<size_t> LogLinePrefix::Match(std::string_view line, LogRecord* record) const {
  size_t pos = 0;
  if (!MatchFrom(0, line, &pos, record)) return std::nullopt;
  return MatchSeverity(line, pos, &record->severity);
}

std::optional<LogLinePrefix> DetectLogLinePrefix(const std::vector<std::string_view>& lines) {
  static const std::array<std::string_view, 16> kCandidates = {
      "%m [%p] ",                                            // PostgreSQL 15's default
      "%m [%p] %q%u@%d ",                                    // Debian's default
      "%t [%p]: [%l-1] user=%u,db=%d,app=%a,client=%h ",     // pgBadger's recommendation
      "%m [%p]: [%l-1] user=%u,db=%d,app=%a,client=%h ",
      "%t [%p]: user=%u,db=%d,app=%a,client=%h ",
      "%m [%p]: user=%u,db=%d,app=%a,client=%h ",
      "%t [%p]: [%l-1] ",
      "%m [%p]: [%l-1] ",
      "%t [%p]: ",
      "%m [%p]: ",
      "%t [%p] ",
      "%t [%p] %q%u@%d ",
      "%m [%p] %q[user=%u,db=%d,app=%a] ",
      "%m [%p] %e %q%u@%d ",
      "%t:%r:%u@%d:[%p]: ",
      "%m ",
  };
  std::optional<LogLinePrefix> best;
  int best_matches = 0;
  for (std::string_view candidate : kCandidates) {
    auto prefix = LogLinePrefix::Compile(candidate);
    if (!prefix.ok()) continue;
    int matches = 0;
    for (std::string_view line : lines) {
      if (line.empty() || line[0] == '\t') continue;
      LogRecord scratch;
      if (prefix->Match(line, &scratch)) ++matches;
    }
    if (matches > best_matches) {
      best_matches = matches;
      best = std::move(prefix).value();
    }
  }
  return best;
}

}  // namespace dbarch::sources::logs
