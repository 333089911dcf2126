#include "sources/logs/csvlog_parser.h"

#include <array>
#include <string>

namespace dbarch::sources::logs {
namespace {

constexpr int kMaxFields = 26;

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

int64_t ToInt(std::string_view s) {
  int64_t value = 0;
  for (char c : s) {
    if (!IsDigit(c)) return 0;
    value = value * 10 + (c - '0');
  }
  return value;
}

}  // namespace

bool StartsCsvRecord(std::string_view line) {
  static constexpr std::string_view kShape = "dddd-dd-dd dd:dd:dd";
  if (line.size() < kShape.size()) return false;
  for (size_t i = 0; i < kShape.size(); ++i) {
    if (kShape[i] == 'd' ? !IsDigit(line[i]) : line[i] != kShape[i]) return false;
  }
  // The fraction, the zone, then the comma that ends the field (stderr would have a blank or a bracket).
  size_t pos = kShape.size();
  if (pos < line.size() && line[pos] == '.') {
    ++pos;
    while (pos < line.size() && IsDigit(line[pos])) ++pos;
  }
  if (pos >= line.size() || line[pos] != ' ') return false;
  ++pos;
  while (pos < line.size() && line[pos] != ' ' && line[pos] != ',') ++pos;
  return pos < line.size() && line[pos] == ',';
}

void ParseCsvLog(std::string_view text, int64_t first_line, const RecordSink& sink, const MalformedSink& malformed) {
  std::array<std::string_view, kMaxFields> fields;
  std::array<std::string, kMaxFields> unescaped;  // fields with doubled quotes, reused across records
  int64_t line = first_line;
  size_t pos = 0;
  while (pos < text.size()) {
    const int64_t record_line = line;
    int count = 0;
    bool complete = false, broken = false;
    while (pos <= text.size()) {
      std::string_view field;
      if (pos < text.size() && text[pos] == '"') {
        size_t start = ++pos;
        bool doubled = false;
        size_t close = std::string_view::npos;
        while (pos < text.size()) {
          const size_t quote = text.find('"', pos);
          if (quote == std::string_view::npos) break;
          if (quote + 1 < text.size() && text[quote + 1] == '"') {
            doubled = true;
            pos = quote + 2;
            continue;
          }
          close = quote;
          break;
        }
        if (close == std::string_view::npos) {
          broken = true;  // an unterminated quote: the file was cut off
          pos = text.size();
          break;
        }
        field = text.substr(start, close - start);
        for (char c : field) line += (c == '\n');
        if (doubled && count < kMaxFields) {
          std::string& buffer = unescaped[count];
          buffer.clear();
          for (size_t i = 0; i < field.size(); ++i) {
            buffer += field[i];
            if (field[i] == '"') ++i;
          }
          field = buffer;
        }
        pos = close + 1;
      } else {
        size_t end = pos;
        while (end < text.size() && text[end] != ',' && text[end] != '\n') ++end;
        field = text.substr(pos, end - pos);
        if (!field.empty() && field.back() == '\r') field.remove_suffix(1);
        pos = end;
      }
      if (count < kMaxFields) fields[count] = field;
      ++count;
      if (pos >= text.size()) {
        complete = true;
        break;
      }
      if (text[pos] == ',') {
        ++pos;
        continue;
      }
      if (text[pos] == '\r') ++pos;
      if (pos < text.size() && text[pos] == '\n') {
        ++pos;
        ++line;
        complete = true;
        break;
      }
      broken = true;  // garbage after a closing quote: skip to the end of the line
      const size_t newline = text.find('\n', pos);
      pos = newline == std::string_view::npos ? text.size() : newline + 1;
      ++line;
      break;
    }
    if (broken || !complete) {
      malformed(MalformedLine{record_line, "csvlog record cut off or with text after a closing quote"});
      continue;
    }
    if (count == 1 && fields[0].empty()) continue;  // a blank line
    if (count < 14) {
      malformed(MalformedLine{record_line, "csvlog record with fewer than 14 fields"});
      continue;
    }
    LogRecord record;
    record.line = record_line;
    record.timestamp = fields[0];
    record.user = fields[1];
    record.database = fields[2];
    record.pid = ToInt(fields[3]);
    record.host = fields[4];
    record.session_id = fields[5];
    record.severity = fields[11];
    record.sqlstate = fields[12];
    record.message = fields[13];
    if (count > 14) record.detail = fields[14];
    if (count > 15) record.hint = fields[15];
    if (count > 18) record.context = fields[18];
    if (count > 19) record.statement = fields[19];
    if (count > 16) record.query = fields[16];
    if (count > 22) record.application = fields[22];
    sink(record);
  }
}

}  // namespace dbarch::sources::logs
